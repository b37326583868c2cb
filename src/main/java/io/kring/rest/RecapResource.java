package io.kring.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.kring.live.LiveMeetings;
import io.kring.meeting.MeetingRecap;

/**
 * RC4: {@code GET /api/recaps/{recapId}}, the published recap of a meeting for anyone with the link; no login.
 * Unknown, withdrawn or deleted: {@code 404} with the usual error body.
 */
@Path("/api/recaps")
@Produces(MediaType.APPLICATION_JSON)
public class RecapResource {

    private final LiveMeetings meetings;

    public RecapResource(LiveMeetings meetings) {
        this.meetings = meetings;
    }

    @GET
    @Path("{recapId}")
    public Response recap(@PathParam("recapId") String recapId) {
        MeetingRecap recap = meetings.recap(recapId);
        // A withdrawn link must stop working at once: no cache keeps it.
        return Response.ok(recap).header("Cache-Control", "no-store").build();
    }
}
