package io.clientbase.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The webhook rules that need no server: signatures, the SSRF guard, the retry schedule. */
class WebhookRulesTest {

    @Test
    void theSignatureIsTheStandardWebhooksSpecificationsOwnExample() {
        // the example of the Standard Webhooks specification
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                Signatures.header(List.of(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"));
    }

    @Test
    void aNewSecretIsWhsecAndThirtyTwoRandomBytes() {
        String a = Signatures.newSecret();
        assertTrue(a.startsWith("whsec_"));
        assertEquals(32, java.util.Base64.getDecoder().decode(a.substring(6)).length);
        assertFalse(a.equals(Signatures.newSecret()));
    }

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String nonPublic : List.of("127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
                "198.18.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "fc00::1", "64:ff9b::a00:1")) {
            assertFalse(AddressGuard.isPublic(InetAddress.getByName(nonPublic)), nonPublic);
        }
        for (String open : List.of("8.8.8.8", "1.1.1.1", "93.184.216.34", "2001:4860:4860::8888", "172.32.0.1", "100.128.0.1")) {
            assertTrue(AddressGuard.isPublic(InetAddress.getByName(open)), open);
        }
    }

    @Test
    void theGuardRefusesWhatIsNotHttpOrNotPublicUnlessListed() {
        AddressGuard strict = new AddressGuard(Optional.empty());
        assertTrue(strict.refusal("http://127.0.0.1:8080/hook").isPresent());
        assertTrue(strict.refusal("https://[::1]/").isPresent());
        assertTrue(strict.refusal("ftp://8.8.8.8/").isPresent());
        assertTrue(strict.refusal("http:///nohost").isPresent());
        assertTrue(strict.refusal("http://8.8.8.8/hook").isEmpty());
        AddressGuard listed = new AddressGuard(Optional.of("127.0.0.1, 10.20.0.0/16, receiver.internal"));
        assertTrue(listed.refusal("http://127.0.0.1:9000/").isEmpty());
        assertTrue(listed.refusal("http://127.0.0.2:9000/").isPresent());
        assertTrue(listed.refusal("http://10.20.3.4/").isEmpty());
        assertTrue(listed.refusal("http://10.21.3.4/").isPresent());
        assertTrue(listed.refusal("http://receiver.internal/").isEmpty(), "a listed name is not resolved");
        assertThrows(IllegalArgumentException.class, () -> new AddressGuard(Optional.of("10.0.0.0/x")));
    }

    @Test
    void theScheduleWaitsLongerAfterEachFailureWithAtMostATenthOfJitter() {
        RetrySchedule schedule = RetrySchedule.parse("5s,5m,30m,2h,5h,10h,10h");
        assertEquals(7, schedule.waits().size());
        Duration first = schedule.after(1, null);
        assertTrue(first.compareTo(Duration.ofSeconds(5)) >= 0 && first.compareTo(Duration.ofMillis(5500)) <= 0, first.toString());
        Duration third = schedule.after(3, null);
        assertTrue(third.compareTo(Duration.ofMinutes(30)) >= 0 && third.compareTo(Duration.ofMinutes(33)) <= 0, third.toString());
        assertNull(schedule.after(8, null), "after the last wait the message has failed");
        assertEquals(Duration.ofMinutes(10), schedule.after(1, Duration.ofMinutes(10)), "a longer Retry-After is honoured");
        assertEquals(Duration.ofHours(24), schedule.after(1, Duration.ofDays(9)), "but not beyond a day");
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("5x"));
    }
}
