#!/usr/bin/env python3
"""Section sizes of ELF (32-bit ARM) and WebAssembly files, with no tool but Python.

Usage: size.py FILE...   prints `name .text .rodata .data .bss` for ELF, `name code data` for wasm.
"""
import struct, sys

def elf_sections(data):
    # ELF32 little-endian
    e_shoff = struct.unpack_from('<I', data, 0x20)[0]
    e_shentsize, e_shnum, e_shstrndx = struct.unpack_from('<HHH', data, 0x2E)
    secs = []
    for i in range(e_shnum):
        off = e_shoff + i * e_shentsize
        name, typ, flags, addr, offset, size = struct.unpack_from('<IIIIII', data, off)
        secs.append((name, typ, flags, size))
    stroff = secs[e_shstrndx]
    str_hdr = e_shoff + e_shstrndx * e_shentsize
    str_offset = struct.unpack_from('<I', data, str_hdr + 16)[0]
    out = {}
    for name, typ, flags, size in secs:
        end = data.index(b'\0', str_offset + name)
        out[data[str_offset + name:end].decode()] = size
    return out

def leb(data, i):
    result = shift = 0
    while True:
        b = data[i]; i += 1
        result |= (b & 0x7F) << shift; shift += 7
        if not b & 0x80: return result, i

def wasm_sections(data):
    i, out = 8, {}
    names = {1: 'type', 2: 'import', 3: 'function', 5: 'memory', 6: 'global', 7: 'export', 10: 'code', 11: 'data', 0: 'custom'}
    while i < len(data):
        sid = data[i]; i += 1
        size, i = leb(data, i)
        key = names.get(sid, str(sid))
        out[key] = out.get(key, 0) + size
        i += size
    return out

for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    name = path.rsplit('/', 1)[-1]
    if data[:4] == b'\x7fELF':
        s = elf_sections(data)
        print(f"{name} text={s.get('.text', 0)} rodata={s.get('.rodata', 0)} data={s.get('.data', 0)} bss={s.get('.bss', 0)}")
    elif data[:4] == b'\0asm':
        s = wasm_sections(data)
        print(f"{name} code={s.get('code', 0)} data={s.get('data', 0)} total={len(data)}")
