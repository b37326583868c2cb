package io.kring.meeting;

import java.util.List;

/**
 * What the {@link Meeting} gives a part while it handles one command: every event the part emits is applied
 * at once, by every part it concerns (so the part's next check sees it), and told; ids come from the
 * meeting's source; and what a part must know of the roster it asks here. Valid for that command only.
 */
public interface CommandContext {

    /** Applies the event and keeps it, with what it tells, in the command's outcome. */
    void emit(MeetingEvent event);

    /** A fresh id for what the command creates. */
    String newId();

    /** The member a command names: INVALID when the id is missing, NOT_FOUND when unknown or removed. */
    Member target(String participantId);

    /** Everyone not removed, in join order. */
    List<Member> members();
}
