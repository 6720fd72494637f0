package io.clientbase.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.util.ConfigurableSocketFactory;

/**
 * Connects Connector/J to the embedded server through its Unix socket, with the JDK's own
 * Unix-domain channels ({@link UnixChannelSocket}): Connector/J's {@code localSocket} needs JNA.
 * The socket's path is in the URL's {@value #PATH_OPTION} option, Base64url-encoded so that a
 * data folder of spaces and any letters passes through the URL unchanged.
 */
public final class UnixSocketFactory extends ConfigurableSocketFactory {

    static final String PATH_OPTION = "clientbaseSocket";

    private Path path;

    /** The URL options that make Connector/J connect to {@code socket}. */
    static String urlOptions(Path socket) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(socket.toString().getBytes(StandardCharsets.UTF_8));
        return "socketFactory=" + UnixSocketFactory.class.getName() + "&" + PATH_OPTION + "=" + encoded;
    }

    @Override
    public void setConfiguration(Configuration configuration, String host) {
        String encoded = configuration.nonMappedOptions().getProperty(PATH_OPTION);
        if (encoded == null) {
            throw new IllegalArgumentException("the JDBC URL names " + getClass().getName() + " without " + PATH_OPTION);
        }
        path = Path.of(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
    }

    @Override
    public Socket createSocket() throws IOException {
        return new UnixChannelSocket(path);
    }

    // Connector/J asks for an unconnected socket only; an address would mean TCP
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw noAddress();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw noAddress();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw noAddress();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        throw noAddress();
    }

    private static SocketException noAddress() {
        return new SocketException("a Unix socket has no host and port");
    }
}
