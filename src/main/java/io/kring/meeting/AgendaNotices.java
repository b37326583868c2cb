package io.kring.meeting;

import static io.kring.meeting.MeetingEvent.*;
import static io.kring.meeting.MeetingNotices.data;

import io.kring.meeting.agenda.AgendaItem;

/** The agenda's events: each carries the one item it changed (A). */
final class AgendaNotices {

    private AgendaNotices() {
    }

    static Notice of(Meeting m, MeetingEvent event) {
        if (event instanceof AgendaItemAdded e) {
            AgendaItem item = item(m, e.itemId());
            return Notice.toEveryone("agenda.added",
                    data("item", item.view(), "position", m.agendaItems().indexOf(item)));
        }
        if (event instanceof AgendaItemUpdated e) {
            return itemNotice(m, "agenda.updated", e.itemId());
        }
        if (event instanceof AgendaItemRemoved e) {
            return Notice.toEveryone("agenda.removed", data("itemId", e.itemId()));
        }
        if (event instanceof AgendaItemMoved e) {
            return Notice.toEveryone("agenda.moved",
                    data("itemId", e.itemId(), "toIndex", m.agendaItems().indexOf(item(m, e.itemId()))));
        }
        if (event instanceof AgendaItemStarted e) {
            return itemNotice(m, "agenda.started", e.itemId());
        }
        if (event instanceof AgendaItemEnded e) {
            return itemNotice(m, "agenda.ended", e.itemId());
        }
        if (event instanceof AgendaItemExtended e) {
            return itemNotice(m, "agenda.extended", e.itemId());
        }
        if (event instanceof AgendaItemOverran e) {
            return itemNotice(m, "agenda.overtime", e.itemId());
        }
        return null;
    }

    private static Notice itemNotice(Meeting m, String name, String itemId) {
        return Notice.toEveryone(name, data("item", item(m, itemId).view()));
    }

    private static AgendaItem item(Meeting m, String itemId) {
        return m.agendaItems().stream().filter(i -> i.id.equals(itemId)).findFirst().orElseThrow();
    }
}
