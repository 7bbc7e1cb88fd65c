package app.earmark.room;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The STUN/TURN servers the room's browsers use to find a way to each other ({@code earmark.rtc.*}). None are needed
 * on one network (a LAN, or two browsers on one machine); across the internet a centre names its own STUN and TURN
 * server (e.g. Debian's coturn), as in {@code earmark.rtc.ice-servers[0].urls=turn:turn.example.org:3478}.
 *
 * @param iceServers the servers, handed to each browser's {@code RTCPeerConnection} as they are
 */
@ConfigurationProperties("earmark.rtc")
public record RtcProperties(@DefaultValue List<IceServer> iceServers) {

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
    }

    /** One server: its URLs and, for TURN, the credentials the browsers use. */
    public record IceServer(List<String> urls, String username, String credential) {
        public IceServer {
            urls = urls == null ? List.of() : List.copyOf(urls);
        }
    }
}
