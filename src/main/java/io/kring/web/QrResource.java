package io.kring.web;

import io.kring.config.KringConfig;
import io.kring.input.Ids;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/meetings/{meetingId}/qr.svg}: a QR code of the meeting's join link, for the
 * projector view. The link is absolute: the first {@code kring.public-url} when set, else the
 * scheme and host of this request. It carries no secret, so anyone may ask for it.
 */
@Path("/api/meetings/{meetingId}/qr.svg")
public class QrResource {

    private final KringConfig config;

    public QrResource(KringConfig config) {
        this.config = config;
    }

    @GET
    public Response qr(@PathParam("meetingId") String meetingId, @Context UriInfo uriInfo) {
        if (!Ids.isId(meetingId)) {
            return ErrorBodies.notFound("no such meeting");
        }
        String joinUrl = publicBase(config.publicUrl(), uriInfo) + "/m/" + meetingId;
        return Response.ok(QrSvg.render(joinUrl, joinUrl), "image/svg+xml; charset=UTF-8")
                .header("Cache-Control", "no-cache")
                .build();
    }

    /** The public base URL without a trailing slash. */
    static String publicBase(Optional<List<String>> publicUrls, UriInfo uriInfo) {
        return configuredBase(publicUrls).orElseGet(() -> {
            URI uri = uriInfo.getBaseUri();
            return uri.getScheme() + "://" + uri.getRawAuthority();
        });
    }

    /** The first configured {@code kring.public-url} without a trailing slash, if any. */
    public static Optional<String> configuredBase(Optional<List<String>> publicUrls) {
        return publicUrls.flatMap(urls -> urls.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .findFirst())
                .map(base -> base.replaceAll("/+$", ""));
    }
}
