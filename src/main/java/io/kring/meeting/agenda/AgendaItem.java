package io.kring.meeting.agenda;

import io.kring.meeting.MeetingCommand.OpenBreakouts;
import io.kring.meeting.MeetingView;

/**
 * One agenda item with its planned duration and actual times. Its fields are public for the meeting's views,
 * notices and record to read; only {@link Agenda} changes them, when it applies an event.
 */
public final class AgendaItem {
    public enum Status {
        PENDING, RUNNING, DONE
    }

    public final String id;
    public String title;
    public int durationSeconds;
    public AgendaItemKind kind;
    /** AP1: multi-line, "" when none. */
    public String description = "";
    /** AP1: the round prepared with a breakout item, without its duration; null when none. */
    public OpenBreakouts breakout;
    public Status status = Status.PENDING;
    public Long startedAt;
    public Long endsAt;
    public Long endedAt;
    public boolean overtime;

    AgendaItem(String id, String title, int durationSeconds, AgendaItemKind kind) {
        this.id = id;
        this.title = title;
        this.durationSeconds = durationSeconds;
        this.kind = kind;
    }

    public MeetingView.AgendaItemView view() {
        return new MeetingView.AgendaItemView(id, title, kind.wireName(), durationSeconds,
                status.name().toLowerCase(java.util.Locale.ROOT), startedAt, endsAt, endedAt, overtime, description,
                MeetingView.presetView(breakout));
    }
}
