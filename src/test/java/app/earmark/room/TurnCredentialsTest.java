package app.earmark.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.room.RtcProperties.IceServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * coturn's REST API credentials ({@code use-auth-secret}): username {@code <expiry>:<member>}, credential
 * base64(HMAC-SHA1(secret, username)). The expected credentials were computed independently with OpenSSL:
 * {@code printf '%s' '1733500800:learner' | openssl dgst -sha1 -hmac 'north-wind' -binary | base64}.
 */
class TurnCredentialsTest {

    static final IceServer STUN = new IceServer(List.of("stun:turn.centre.example:3478"), null, null);
    static final IceServer TURN = new IceServer(List.of("turn:turn.centre.example:3478?transport=udp",
            "turns:turn.centre.example:5349"), null, null);

    @Test
    void theCredentialIsTheBase64HmacSha1OfTheUsernameUnderTheSharedSecret() {
        assertThat(TurnCredentials.credential("north-wind", "1733500800:learner"))
                .isEqualTo("/NN0d4t2aJXTBbHqWxjsfcNAAF4=");
        assertThat(TurnCredentials.credential("north-wind", "1765022400:sam.assessor"))
                .isEqualTo("oenwh9vUazM7RHJaz5SJOrGNJnU=");
    }

    @Test
    void eachTurnServerGetsAUsernameThatExpiresAfterTheTtlAndItsCredential() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_765_000_800L), ZoneOffset.UTC);
        var rtc = new RtcProperties(List.of(STUN, TURN), "north-wind", Duration.ofHours(6));
        List<IceServer> servers = new TurnCredentials(rtc, clock).forMember("sam.assessor");

        assertThat(servers.get(0)).isEqualTo(STUN);
        assertThat(servers.get(1).urls()).isEqualTo(TURN.urls());
        assertThat(servers.get(1).username()).isEqualTo("1765022400:sam.assessor");
        assertThat(servers.get(1).credential()).isEqualTo("oenwh9vUazM7RHJaz5SJOrGNJnU=");
    }

    @Test
    void withoutASecretTheServersAreHandedOverAsConfiguredAndAFixedAccountIsLeftAlone() {
        Clock clock = Clock.systemUTC();
        var fixed = new IceServer(List.of("turn:other.example:3478"), "earmark", "static");
        assertThat(new TurnCredentials(new RtcProperties(List.of(STUN, fixed), null, Duration.ofHours(6)), clock)
                .forMember("learner")).containsExactly(STUN, fixed);
        assertThat(new TurnCredentials(new RtcProperties(List.of(TURN, fixed), "north-wind", Duration.ofHours(6)),
                clock).forMember("learner")).element(1).isEqualTo(fixed);
    }

    @Test
    void aSecretWithoutATurnServerOrATooShortTtlIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new RtcProperties(List.of(STUN), "north-wind", Duration.ofHours(6)))
                .hasMessageContaining("earmark.rtc.turn-secret is set, but no earmark.rtc.ice-servers entry has a"
                        + " turn: or turns: URL");
        assertThatThrownBy(() -> new RtcProperties(List.of(TURN), "north-wind", Duration.ofSeconds(30)))
                .hasMessageContaining("earmark.rtc.turn-ttl must be at least 1 minute");
    }
}
