package io.kring.meeting;

/** One agenda item with its planned duration and actual times. */
final class AgendaItem {
    enum Status {
        PENDING, RUNNING, DONE
    }

    final String id;
    String title;
    int durationSeconds;
    AgendaItemKind kind;
    Status status = Status.PENDING;
    Long startedAt;
    Long endsAt;
    Long endedAt;
    boolean overtime;

    AgendaItem(String id, String title, int durationSeconds, AgendaItemKind kind) {
        this.id = id;
        this.title = title;
        this.durationSeconds = durationSeconds;
        this.kind = kind;
    }

    MeetingView.AgendaItemView view() {
        return new MeetingView.AgendaItemView(id, title, kind.wireName(), durationSeconds,
                status.name().toLowerCase(java.util.Locale.ROOT), startedAt, endsAt, endedAt, overtime);
    }
}
