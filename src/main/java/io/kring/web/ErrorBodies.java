package io.kring.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Error answers in the contract's shape: {@code {"error":{"code","message"}}}. */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static Response notFound(String message) {
        return Response.status(Response.Status.NOT_FOUND)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", Map.of("code", "NOT_FOUND", "message", message)))
                .build();
    }
}
