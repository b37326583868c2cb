package io.kring.meeting.recap;

import io.kring.meeting.CommandContext;
import io.kring.meeting.Member;
import io.kring.meeting.MeetingEvent.RecapPublished;
import io.kring.meeting.MeetingEvent.RecapUnpublished;

/**
 * The recap link (RC-rules, docs/meeting-rules.md): whether the meeting's recap is published, and under which
 * secret id. What the recap shows is built from the meeting's record when someone opens the link.
 */
public final class RecapLink {

    private String recapId;

    /**
     * RC1: a moderator publishes the recap under a fresh secret id; publishing while published changes nothing
     * (the same link stays). RC2: after a withdrawal a new publish draws a new id, so a withdrawn link stays dead.
     */
    public void publish(Member actor, long now, CommandContext context) {
        actor.requireModerator();
        if (recapId != null) {
            return;
        }
        context.emit(new RecapPublished(RecapIds.next(), now));
    }

    /** RC2: a moderator withdraws the recap link; withdrawing when none is published changes nothing. */
    public void unpublish(Member actor, long now, CommandContext context) {
        actor.requireModerator();
        if (recapId == null) {
            return;
        }
        context.emit(new RecapUnpublished(recapId, now));
    }

    public void published(RecapPublished e) {
        recapId = e.recapId();
    }

    public void unpublished(RecapUnpublished e) {
        if (e.recapId().equals(recapId)) {
            recapId = null;
        }
    }

    /** The published recap's id, or null. */
    public String recapId() {
        return recapId;
    }

    /** RC3: {@code /r/{recapId}} while published, else null. */
    public String path() {
        return recapId == null ? null : "/r/" + recapId;
    }
}
