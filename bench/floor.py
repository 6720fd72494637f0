"""The machine's floor for bench/run.sh: a trivial HTTP server (one asyncio loop, a fixed 2-byte answer, no
JVM, no database), so that each run prints beside its cases the latency any server gets from this machine
at the same number of connections. On a 2-core machine of 2026-12-06 its p99 was 0.79 ms on one connection,
2.28 ms on 4 and 3.87 ms on 16, for a p50 of 0.04-0.31 ms: part of every p99 the cases show is the machine's.
    python3 bench/floor.py PORT
"""
import asyncio
import sys

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"


class Answer(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        # wrk sends one request at a time per connection and no body: one answer per request head
        self.transport.write(ANSWER * data.count(b"\r\n\r\n"))


async def serve(port):
    server = await asyncio.get_running_loop().create_server(Answer, "127.0.0.1", port)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1])))
