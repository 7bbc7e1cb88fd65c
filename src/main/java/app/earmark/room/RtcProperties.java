package app.earmark.room;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The STUN/TURN servers the room's browsers use to find a way to each other ({@code earmark.rtc.*}). None are needed
 * on one network (a LAN, or two browsers on one machine); across the internet a centre names its own STUN and TURN
 * server (e.g. Debian's coturn), as in {@code earmark.rtc.ice-servers[0].urls=turn:turn.example.org:3478}.
 *
 * @param iceServers the servers, handed to each browser's {@code RTCPeerConnection}
 * @param turnSecret coturn's {@code static-auth-secret} (its REST API scheme, {@code use-auth-secret}): when set, every
 *                   TURN server named without a username gets a time-limited username and credential per page
 *                   ({@link TurnCredentials}), so no lasting credential reaches the browsers
 * @param turnTtl    how long such a credential is valid (at least the longest call: a TURN allocation cannot be
 *                   refreshed after its username has expired)
 */
@ConfigurationProperties("earmark.rtc")
public record RtcProperties(@DefaultValue List<IceServer> iceServers, String turnSecret,
        @DefaultValue("6h") Duration turnTtl) {

    public RtcProperties {
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
        for (IceServer server : iceServers) {
            if (server.urls() == null || server.urls().isEmpty()) {
                throw new IllegalArgumentException("earmark.rtc.ice-servers: every server needs at least one URL"
                        + " (stun:, turn: or turns:)");
            }
            for (String url : server.urls()) {
                if (url == null || !url.matches("(?i)(stun|stuns|turn|turns):.+")) {
                    throw new IllegalArgumentException("earmark.rtc.ice-servers: \"" + url + "\" is not a STUN or"
                            + " TURN URL (it must start with stun:, stuns:, turn: or turns:)");
                }
            }
        }
        if (turnSecret != null && turnSecret.isBlank()) {
            turnSecret = null;
        }
        if (turnTtl == null || turnTtl.toMinutes() < 1) {
            throw new IllegalArgumentException("earmark.rtc.turn-ttl must be at least 1 minute (e.g. 6h: longer than"
                    + " the longest call)");
        }
        if (turnSecret != null && iceServers.stream().noneMatch(IceServer::isTurn)) {
            throw new IllegalArgumentException("earmark.rtc.turn-secret is set, but no earmark.rtc.ice-servers entry"
                    + " has a turn: or turns: URL to use it with");
        }
    }

    /** One server: its URLs and, for TURN with a fixed account, the credentials the browsers use. */
    public record IceServer(List<String> urls, String username, String credential) {
        public IceServer {
            urls = urls == null ? List.of() : List.copyOf(urls);
        }

        /** Whether it is a TURN server (a relay, which needs credentials). */
        public boolean isTurn() {
            return urls.stream().anyMatch(u -> u != null && u.regionMatches(true, 0, "turn", 0, 4));
        }
    }
}
