package io.kring.rest;

import java.util.Map;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

import io.kring.live.MeetingOwnership;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.kring.meeting.ErrorCode;
import io.kring.meeting.Rejected;

/** Every error answer is {@code {"error":{"code","message"}}} with the status of its code (protocol.md section 5). */
public class ApiErrors {

    static Response error(ErrorCode code, String message) {
        return Response.status(code.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", Map.of("code", code.name(), "message", message))).build();
    }

    @ServerExceptionMapper
    public Response rejected(Rejected e) {
        return error(e.code(), e.getMessage());
    }

    /**
     * N3: another node owns the meeting: {@code 307} to the same path on that node (method and body kept), or
     * {@code 503 UNAVAILABLE} while no node's address is known (the client tries again).
     */
    @ServerExceptionMapper
    public Response ownedElsewhere(MeetingOwnership.OwnedElsewhere e, UriInfo uri) {
        if (e.ownerUrl() == null) {
            return Response.fromResponse(error(ErrorCode.UNAVAILABLE, "another server is taking this meeting; try again"))
                    .header("Retry-After", "1").build();
        }
        String query = uri.getRequestUri().getRawQuery();
        return Response.status(307)
                .location(URI.create(e.ownerUrl() + uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query)))
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return error(ErrorCode.NOT_FOUND, "not found");
    }

    /** Unreadable bodies and other client errors of the HTTP layer. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return error(ErrorCode.UNAVAILABLE, "the server could not handle this; try again");
        }
        if (status == 401) {
            return error(ErrorCode.UNAUTHORIZED, "a valid token is needed");
        }
        if (status == 404) {
            return error(ErrorCode.NOT_FOUND, "not found");
        }
        return error(ErrorCode.INVALID, "the request is not valid: " + status);
    }
}
