package io.clientbase.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks v1 (standardwebhooks.com): a secret is {@code whsec_} + base64 of 32 random
 * bytes; the signature of a message is {@code v1,} + base64 of HMAC-SHA256, keyed with the
 * secret's bytes, over {@code id.timestamp.body}; several signatures are separated by spaces.
 */
public final class Signatures {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The webhook-signature header: one v1 signature per secret, in the order given. */
    public static String header(List<String> secrets, String messageId, long timestamp, String body) {
        StringBuilder header = new StringBuilder();
        for (String secret : secrets) {
            header.append(header.length() == 0 ? "" : " ").append("v1,").append(sign(secret, messageId, timestamp, body));
        }
        return header.toString();
    }

    static String sign(String secret, String messageId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
