package io.clientbase.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A connected Unix-domain socket behind the {@link Socket} API that Connector/J drives: its streams,
 * a read timeout ({@code SO_TIMEOUT}, which Connector/J sets for the handshake and for validation)
 * and close. The channel is non-blocking and waits on a selector of its own, as the JDK's TCP socket
 * waits on poll, so that a wait can time out and a close from another thread ends it. TCP's options
 * mean nothing here and are accepted without effect.
 */
final class UnixChannelSocket extends Socket {

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final InputStream in = new In();
    private final OutputStream out = new Out();
    private volatile int timeoutMillis;

    UnixChannelSocket(Path path) throws IOException {
        super((java.net.SocketImpl) null);
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector opened = null;
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
            channel.configureBlocking(false);
            opened = Selector.open();
            key = channel.register(opened, 0);
            selector = opened;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (opened != null) {
                opened.close();
            }
            throw e;
        }
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) {
        // connected when made
    }

    @Override
    public void bind(SocketAddress local) {
        // a client's Unix socket needs no address of its own
    }

    @Override
    public void setSoTimeout(int timeout) {
        timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return timeoutMillis;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        // a Unix socket sends at once
    }

    @Override
    public void setKeepAlive(boolean on) {
        // a peer that goes away is seen at once
    }

    @Override
    public void setSoLinger(boolean on, int linger) {
        // nothing lingers on a Unix socket
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) {
        return this;
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Closes the channel, then the selector, which wakes a thread waiting on it. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            selector.close();
        }
    }

    @Override
    public String toString() {
        return "UnixChannelSocket[" + channel + "]";
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            long deadline = deadline();
            int n;
            while ((n = channel.read(buffer)) == 0) {
                await(SelectionKey.OP_READ, deadline);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            UnixChannelSocket.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            long deadline = deadline();
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    await(SelectionKey.OP_WRITE, deadline);
                }
            }
        }

        @Override
        public void close() throws IOException {
            UnixChannelSocket.this.close();
        }
    }

    /** When a wait that starts now times out (System.nanoTime), or 0 for never. */
    private long deadline() {
        int timeout = timeoutMillis;
        return timeout > 0 ? System.nanoTime() + timeout * 1_000_000L : 0;
    }

    private void await(int operation, long deadline) throws IOException {
        try {
            key.interestOps(operation);
            if (deadline == 0) {
                selector.select();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("Unix socket " + (operation == SelectionKey.OP_READ ? "read" : "write")
                            + " timed out");
                }
                selector.select(Math.max(1, left / 1_000_000L)); // the caller tries again, and comes back here if in vain
            }
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
            throw new SocketException("Socket closed");
        }
        if (!channel.isOpen()) {
            throw new SocketException("Socket closed");
        }
    }
}
