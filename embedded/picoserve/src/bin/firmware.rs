//! The firmware: picoserve's server with signpost's router (`signpost_picoserve::app`) on one
//! connection, with no heap.
//!
//! The network stack is the board's: here it is a stub socket whose reads return a request
//! hidden from the optimiser and whose writes go to a sink, so that the whole server (HTTP
//! parser, router, handlers, signpost's challenge writer and credentials parser) is linked
//! as a board would link it. A board swaps the stub for its TCP socket (picoserve's
//! `embassy` feature implements the socket for `embassy_net::tcp::TcpSocket`) and its timer,
//! and runs `serve` in its executor; here a busy-polling loop with a no-op waker drives it.
#![no_std]
#![no_main]
#![deny(unsafe_code)]

use core::convert::Infallible;
use core::future::Future;
use core::pin::pin;
use core::task::{Context, Poll, Waker};

use picoserve::io::{ErrorType, Read, Socket, Write};
use picoserve::mem::{BorrowedBuffer, BorrowedCursor};
use picoserve::time::Duration;
use picoserve::{Config, Server, Timeouts, Timer};

/// A request as the board's network stack would deliver it.
const REQUEST: &[u8] =
    b"GET /mcp HTTP/1.1\r\nHost: sensor.example\r\nAuthorization: Bearer read-token\r\n\r\n";

/// The board's runtime: here, a busy loop.
struct Board;

/// The board's timer: this stub never fires (a board's timer would).
struct BoardTimer;

impl Timer<Board> for BoardTimer {
    fn delay(&self, _duration: Duration) -> impl Future<Output = ()> {
        core::future::pending()
    }
}

/// The board's connected TCP socket: reads come from `input`, writes go to the sink.
struct BoardSocket {
    input: &'static [u8],
}

struct Reader<'a>(&'a mut &'static [u8]);

struct Writer {
    buffer: [u8; 256],
}

impl ErrorType for Reader<'_> {
    type Error = Infallible;
}

impl Read for Reader<'_> {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, Infallible> {
        let n = buf.len().min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        *self.0 = &self.0[n..];
        Ok(n)
    }
}

impl ErrorType for Writer {
    type Error = Infallible;
}

impl picoserve::io::BaseWrite for Writer {
    async fn write(&mut self, buf: &[u8]) -> Result<usize, Infallible> {
        sink(buf);
        Ok(buf.len())
    }

    async fn flush(&mut self) -> Result<(), Infallible> {
        Ok(())
    }
}

impl Write for Writer {
    async fn write_with<F: FnOnce(BorrowedCursor<'_>) -> R, R>(
        &mut self,
        f: F,
    ) -> Result<R, Infallible> {
        let mut buffer = BorrowedBuffer::new(&mut self.buffer);
        let output = f(buffer.unfilled());
        sink(buffer.filled());
        Ok(output)
    }
}

impl Socket<Board> for BoardSocket {
    type Error = Infallible;
    type ReadHalf<'a> = Reader<'a>;
    type WriteHalf<'a> = Writer;

    fn split(&mut self) -> (Reader<'_>, Writer) {
        (Reader(&mut self.input), Writer { buffer: [0; 256] })
    }

    async fn abort<T: Timer<Board>>(
        self,
        _timeouts: &Timeouts,
        _timer: &T,
    ) -> Result<(), picoserve::Error<Infallible>> {
        Ok(())
    }

    async fn shutdown<T: Timer<Board>>(
        self,
        _timeouts: &Timeouts,
        _timer: &T,
    ) -> Result<(), picoserve::Error<Infallible>> {
        Ok(())
    }
}

/// Keeps the bytes written alive, as the optimiser cannot see them.
#[inline(never)]
fn sink(bytes: &[u8]) {
    core::hint::black_box(bytes);
}

/// Runs `future` to completion by polling it (a board runs it in its executor).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

static CONFIG: Config = Config::const_default();

/// The entry point. `export_name` is the only code the `unsafe_code` lint flags.
#[allow(unsafe_code)]
#[export_name = "_start"]
pub extern "C" fn start() -> usize {
    let app = signpost_picoserve::app(signpost_picoserve::demo_verifier());
    let mut http_buffer = [0u8; 1024];
    let socket = BoardSocket { input: core::hint::black_box(REQUEST) };
    let server = Server::custom(&app, BoardTimer, &CONFIG, &mut http_buffer);
    match block_on(server.serve(socket)) {
        Ok(info) => info.handled_requests_count as usize,
        Err(_) => 0,
    }
}

/// A firmware that panicked would reset; `loop {}` is the smallest handler there is.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}
