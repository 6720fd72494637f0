package io.clientbase.support;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a socket bound to a chosen loopback address (all of 127.0.0.0/8 is local), so a
 * test can speak from 127.0.0.2, 127.0.0.3, … to the application on 127.0.0.1.
 */
public final class RawHttp {

    public record Reply(int status, String head, String body) {
    }

    private RawHttp() {
    }

    public static Reply get(String from, String path, String token) {
        return send(from, "GET", path, Map.of("Authorization", "Bearer " + token), null);
    }

    /** Logs in from the given address; the reply body holds the token on 200. */
    public static Reply login(String from, String login, String password, Map<String, String> headers) {
        return send(from, "POST", "/api/v1/auth/login", headers,
                "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}");
    }

    public static String token(Reply reply) {
        if (reply.status() != 200) {
            throw new AssertionError("login refused: " + reply.status() + " " + reply.body());
        }
        return io.restassured.path.json.JsonPath.from(reply.body()).getString("accessToken");
    }

    public static Reply send(String from, String method, String path, Map<String, String> headers, String body) {
        return send(from, method, path, headers, body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply send(String from, String method, String path, Map<String, String> headers, String contentType, byte[] body) {
        byte[] payload = body == null ? new byte[0] : body;
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            request.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(payload.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(from.contains(":") ? "::1" : "127.0.0.1", RestAssured.port), 5000);
            socket.setSoTimeout(30000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(payload);
            socket.getOutputStream().flush();
            String response = readAll(socket.getInputStream());
            int split = response.indexOf("\r\n\r\n");
            String head = split < 0 ? response : response.substring(0, split);
            String rest = split < 0 ? "" : response.substring(split + 4);
            return new Reply(Integer.parseInt(head.substring(9, 12)), head, rest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
