package io.kring.meeting;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.kring.meeting.roster.Roster;

/**
 * What the {@link Meeting} gives a part while it handles a command: every event the part emits is applied
 * at once, by every part it concerns (so the part's next check sees it), and told; ids come from the
 * meeting's source; and what a part must know of the roster it asks here, as {@link Member} copies.
 */
public final class CommandContext {

    private final Consumer<MeetingEvent> emitter;
    private final Supplier<String> ids;
    private final Roster roster;

    CommandContext(Consumer<MeetingEvent> emitter, Supplier<String> ids, Roster roster) {
        this.emitter = emitter;
        this.ids = ids;
        this.roster = roster;
    }

    /** Applies the event and keeps it, with what it tells, in the command's outcome. */
    public void emit(MeetingEvent event) {
        emitter.accept(event);
    }

    /** A fresh id for what the command creates. */
    public String newId() {
        return ids.get();
    }

    /** The member a command names: INVALID when the id is missing, NOT_FOUND when unknown or removed. */
    public Member target(String participantId) {
        return roster.target(participantId);
    }

    /** Everyone not removed, in join order. */
    public List<Member> members() {
        return roster.members();
    }

    /** PR1, Q11: everyone present (online, or in the room without a device), in join order. */
    public List<Member> present() {
        return roster.present();
    }
}
