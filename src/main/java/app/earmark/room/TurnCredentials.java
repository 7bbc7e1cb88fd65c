package app.earmark.room;

import app.earmark.room.RtcProperties.IceServer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Time-limited TURN credentials in coturn's REST API scheme ({@code use-auth-secret} with
 * {@code static-auth-secret}): the username is {@code <expiry, seconds since the epoch>:<member>} and the credential
 * is {@code base64(HMAC-SHA1(secret, username))}. coturn checks the HMAC with the same shared secret and refuses the
 * username once its expiry has passed, so a credential a learner's browser sees is worth nothing a few hours later.
 * Without {@code earmark.rtc.turn-secret} the configured servers are handed over as they are.
 */
@Component
public class TurnCredentials {

    private final RtcProperties rtc;
    private final Clock clock;

    TurnCredentials(RtcProperties rtc, Clock clock) {
        this.rtc = rtc;
        this.clock = clock;
    }

    /**
     * The ICE servers for one page: TURN servers named without a username get a credential for {@code member} (a name
     * for the person, kept in coturn's log), valid for {@code earmark.rtc.turn-ttl}.
     */
    public List<IceServer> forMember(String member) {
        if (rtc.turnSecret() == null) {
            return rtc.iceServers();
        }
        long expiry = clock.instant().plus(rtc.turnTtl()).getEpochSecond();
        String username = expiry + ":" + member.replace(':', '_');
        String credential = credential(rtc.turnSecret(), username);
        return rtc.iceServers().stream().map(s -> s.isTurn() && s.username() == null
                ? new IceServer(s.urls(), username, credential) : s).toList();
    }

    /** base64(HMAC-SHA1(secret, username)), as coturn computes it. */
    static String credential(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available in this Java runtime", e);
        }
    }
}
