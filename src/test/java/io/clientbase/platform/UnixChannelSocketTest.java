package io.clientbase.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.Configuration;

/** The Unix socket Connector/J reaches the embedded server through, against a JDK server socket. */
class UnixChannelSocketTest {

    private Path folder;
    private Path path;
    private ServerSocketChannel server;

    @BeforeEach
    void listen() throws IOException {
        folder = Files.createTempDirectory("unix socket ш ");
        path = folder.resolve("s.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(path));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        Files.deleteIfExists(path);
        Files.delete(folder);
    }

    @Test
    void whatIsWrittenArrivesAndTheAnswerIsReadBackWhole() throws Exception {
        byte[] request = new byte[200_000]; // more than a socket's buffer: the writer waits for the reader
        for (int i = 0; i < request.length; i++) {
            request[i] = (byte) i;
        }
        try (Socket socket = new UnixChannelSocket(path); SocketChannel peer = server.accept()) {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    socket.getOutputStream().write(request);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ByteBuffer received = ByteBuffer.allocate(request.length);
            while (received.hasRemaining()) {
                peer.read(received);
            }
            written.get(10, TimeUnit.SECONDS);
            assertArrayEquals(request, received.array());
            peer.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            byte[] answer = socket.getInputStream().readNBytes(3);
            assertArrayEquals(new byte[] {1, 2, 3}, answer);
        }
    }

    @Test
    void aReadWithATimeoutEndsWhenNothingComesInTime() throws Exception {
        try (Socket socket = new UnixChannelSocket(path); SocketChannel peer = server.accept()) {
            socket.setSoTimeout(300);
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read(new byte[8]));
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited >= 290 && waited < 5_000, "waited " + waited + " ms");
            peer.write(ByteBuffer.wrap(new byte[] {7}));
            assertEquals(7, socket.getInputStream().read(), "the socket still works after a timeout");
        }
    }

    @Test
    void aPeerThatGoesAwayIsTheEndOfTheStream() throws Exception {
        try (Socket socket = new UnixChannelSocket(path)) {
            server.accept().close();
            assertEquals(-1, socket.getInputStream().read(new byte[8]));
        }
    }

    @Test
    void aCloseFromAnotherThreadEndsAReadThatWaitsWithoutTimeout() throws Exception {
        try (Socket socket = new UnixChannelSocket(path); SocketChannel peer = server.accept()) {
            InputStream in = socket.getInputStream();
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.read(new byte[8]);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(200);
            socket.close();
            var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause().getCause() instanceof SocketException, failure.toString());
            assertTrue(socket.isClosed());
        }
    }

    @Test
    void theFactoryFindsTheSocketFromTheUrlWhateverLettersItsPathHas() throws Exception {
        String url = "jdbc:mariadb://127.0.0.1:1/clientbase?" + UnixSocketFactory.urlOptions(path);
        UnixSocketFactory factory = new UnixSocketFactory();
        factory.setConfiguration(Configuration.parse(url), "127.0.0.1");
        try (Socket socket = factory.createSocket(); SocketChannel peer = server.accept()) {
            socket.getOutputStream().write(42);
            ByteBuffer one = ByteBuffer.allocate(1);
            peer.read(one);
            assertEquals(42, one.get(0));
        }
    }
}
