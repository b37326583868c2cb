package io.kring.web;

import io.kring.input.Ids;
import io.kring.live.LiveMeetings;
import io.quarkus.runtime.LaunchMode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages with a meeting id in their path: {@code /m/{meetingId}} (join form and room) and
 * {@code /display/{meetingId}} (projector view), a network's page {@code /n/{networkId}} and the recap page
 * {@code /r/{recapId}}. All are static files from {@code frontend/};
 * the page reads the id from its own URL.
 */
@Path("/")
public class PageResource {

    private static final String HTML = "text/html; charset=UTF-8";
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private final LiveMeetings meetings;

    public PageResource(LiveMeetings meetings) {
        this.meetings = meetings;
    }

    @GET
    @Path("m/{meetingId}")
    public Response room(@PathParam("meetingId") String meetingId) {
        return page(meetingId, "room.html");
    }

    @GET
    @Path("display/{meetingId}")
    public Response display(@PathParam("meetingId") String meetingId) {
        return page(meetingId, "display.html");
    }

    /** A learning network's page (protocol.md section 9); the page reads the network id from its URL. */
    @GET
    @Path("n/{networkId}")
    public Response network(@PathParam("networkId") String networkId) {
        if (!Ids.isId(networkId)) {
            return ErrorBodies.notFound("no such network");
        }
        return html("network.html");
    }

    /**
     * RC9: the recap page; it reads the recap id from its own URL and asks {@code /api/recaps/{recapId}}. An unknown
     * or withdrawn link answers 404 with the same page, which then shows its friendly "not found".
     */
    @GET
    @Path("r/{recapId}")
    public Response recap(@PathParam("recapId") String recapId) {
        Response page = html("recap.html");
        return meetings.recapExists(recapId) ? page : Response.fromResponse(page).status(404).build();
    }

    private Response page(String meetingId, String file) {
        if (!Ids.isId(meetingId)) {
            return ErrorBodies.notFound("no such meeting");
        }
        return html(file);
    }

    private Response html(String file) {
        return Response.ok(load(file), HTML)
                .header("Cache-Control", "no-cache")
                .build();
    }

    private byte[] load(String file) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            java.nio.file.Path source = DevFrontend.directory().resolve(file);
            if (Files.isRegularFile(source)) {
                try {
                    return Files.readAllBytes(source);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return cache.computeIfAbsent(file, PageResource::fromClasspath);
    }

    private static byte[] fromClasspath(String file) {
        String name = "META-INF/resources/" + file;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
