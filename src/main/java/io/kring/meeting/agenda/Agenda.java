package io.kring.meeting.agenda;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.kring.meeting.CommandContext;
import io.kring.meeting.Limits;
import io.kring.meeting.Meeting.AgendaItemPlan;
import io.kring.meeting.Member;
import io.kring.meeting.MeetingCommand.AddAgendaItem;
import io.kring.meeting.MeetingCommand.ExtendAgendaItem;
import io.kring.meeting.MeetingCommand.MoveAgendaItem;
import io.kring.meeting.MeetingCommand.OpenBreakouts;
import io.kring.meeting.MeetingCommand.RemoveAgendaItem;
import io.kring.meeting.MeetingCommand.StartAgendaItem;
import io.kring.meeting.MeetingCommand.UpdateAgendaItem;
import io.kring.meeting.MeetingEvent.AgendaItemAdded;
import io.kring.meeting.MeetingEvent.AgendaItemEnded;
import io.kring.meeting.MeetingEvent.AgendaItemExtended;
import io.kring.meeting.MeetingEvent.AgendaItemMoved;
import io.kring.meeting.MeetingEvent.AgendaItemOverran;
import io.kring.meeting.MeetingEvent.AgendaItemRemoved;
import io.kring.meeting.MeetingEvent.AgendaItemStarted;
import io.kring.meeting.MeetingEvent.AgendaItemUpdated;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * The agenda (A-rules): its items in order, the commands that change them and the events that do. The
 * {@link io.kring.meeting.Meeting} calls it from its one dispatch table; each handler checks role, then
 * state, then fields, and only then emits.
 */
public final class Agenda {

    /**
     * AP2: how the breakouts check a round prepared with an item (the agenda does not know their rules): null for
     * none, else the round to store; {@code INVALID} when it could never open as an item of {@code itemSeconds}.
     * AP4: {@code stored} is the item's round before an update (null when none, or when the item is new): what the
     * agenda never shows of it (its call links) is kept when {@code given} leaves it out.
     */
    @FunctionalInterface
    public interface PresetCheck {
        OpenBreakouts checked(OpenBreakouts given, OpenBreakouts stored, int itemSeconds);
    }

    private final List<AgendaItem> items = new ArrayList<>();
    private final PresetCheck presets;

    public Agenda(PresetCheck presets) {
        this.presets = presets;
    }

    // ---------------------------------------------------------------------------------------------
    // Commands

    public void add(Member actor, AddAgendaItem c, CommandContext context) {
        actor.requireModerator();
        String itemTitle = Text.line(c.title(), "title", 1, 200);
        int duration = Text.range(c.durationSeconds(), "durationSeconds", 1, 86400);
        AgendaItemKind kind = kind(c.kind());
        String description = c.description() == null ? "" : description(c.description());
        OpenBreakouts breakout = preset(c.breakout(), null, kind, duration, presets);
        if (items.size() >= Limits.AGENDA_ITEMS) {
            throw Rejected.conflict("the agenda has " + Limits.AGENDA_ITEMS + " items, the most it may have");
        }
        int position = c.position() == null ? items.size() : Text.range(c.position(), "position", 0, items.size());
        context.emit(new AgendaItemAdded(context.newId(), itemTitle, duration, kind.wireName(), position, description,
                breakout));
    }

    public void update(Member actor, UpdateAgendaItem c, CommandContext context) {
        actor.requireModerator();
        AgendaItem item = requireItem(c.itemId());
        String itemTitle = c.title() == null ? item.title : Text.line(c.title(), "title", 1, 200);
        int duration = c.durationSeconds() == null ? item.durationSeconds
                : Text.range(c.durationSeconds(), "durationSeconds", 1, 86400);
        AgendaItemKind kind = c.kind() == null ? item.kind : kind(c.kind());
        String description = c.description() == null ? item.description : description(c.description());
        // AP4: an item that is no breakout any more keeps no prepared round.
        OpenBreakouts stored = kind == AgendaItemKind.BREAKOUT ? item.breakout : null;
        OpenBreakouts breakout = preset(c.breakout() != null ? c.breakout() : stored, stored, kind, duration, presets);
        context.emit(new AgendaItemUpdated(item.id, itemTitle, duration, kind.wireName(), description, breakout));
    }

    /** A3: only pending items may be removed. */
    public void remove(Member actor, RemoveAgendaItem c, CommandContext context) {
        actor.requireModerator();
        AgendaItem item = requireItem(c.itemId());
        if (item.status != AgendaItem.Status.PENDING) {
            throw Rejected.conflict("only pending items may be removed");
        }
        context.emit(new AgendaItemRemoved(item.id));
    }

    public void move(Member actor, MoveAgendaItem c, CommandContext context) {
        actor.requireModerator();
        AgendaItem item = requireItem(c.itemId());
        int toIndex = Text.range(c.toIndex(), "toIndex", 0, items.size() - 1);
        if (items.indexOf(item) != toIndex) {
            context.emit(new AgendaItemMoved(item.id, toIndex));
        }
    }

    /**
     * A5: starting an item ends the running one. AP5: {@code opening} checks what else the item starts (its
     * prepared round) before anything changes, and gives what to emit after the agenda's own events.
     */
    public void start(Member actor, StartAgendaItem c, long now, CommandContext context,
            Function<AgendaItem, Runnable> opening) {
        actor.requireModerator();
        AgendaItem item = requireItem(c.itemId());
        if (item.status != AgendaItem.Status.PENDING) {
            throw Rejected.conflict("only a pending item can be started");
        }
        start(item, now, context, opening);
    }

    /** A6: the next pending item in order; with none pending, just ends the running one. AP5 as in start. */
    public void startNext(Member actor, long now, CommandContext context, Function<AgendaItem, Runnable> opening) {
        actor.requireModerator();
        AgendaItem running = runningItem();
        AgendaItem next = items.stream().filter(i -> i.status == AgendaItem.Status.PENDING).findFirst().orElse(null);
        if (running == null && next == null) {
            throw Rejected.conflict("nothing is running and nothing is pending");
        }
        if (next == null) {
            context.emit(new AgendaItemEnded(running.id, now));
        } else {
            start(next, now, context, opening);
        }
    }

    private void start(AgendaItem item, long now, CommandContext context, Function<AgendaItem, Runnable> opening) {
        Runnable openRound = opening.apply(item);
        endRunning(now, context);
        context.emit(new AgendaItemStarted(item.id, now, now + item.durationSeconds * 1000L));
        openRound.run();
    }

    /** A7: only the running item's end moves. */
    public void extend(Member actor, ExtendAgendaItem c, CommandContext context) {
        actor.requireModerator();
        AgendaItem running = requireRunning();
        int seconds = Text.range(c.seconds(), "seconds", 1, 3600);
        context.emit(new AgendaItemExtended(running.id, running.endsAt + seconds * 1000L));
    }

    public void stop(Member actor, long now, CommandContext context) {
        actor.requireModerator();
        context.emit(new AgendaItemEnded(requireRunning().id, now));
    }

    /** MOD6: the meeting's end ends the running item. */
    public void endRunning(long now, CommandContext context) {
        AgendaItem running = runningItem();
        if (running != null) {
            context.emit(new AgendaItemEnded(running.id, now));
        }
    }

    /** A9: the running item's planned end passed. */
    public void tick(long now, CommandContext context) {
        AgendaItem running = runningItem();
        if (running != null && !running.overtime && running.endsAt <= now) {
            context.emit(new AgendaItemOverran(running.id, now));
        }
    }

    /** When {@link #tick} next has something to do, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        AgendaItem running = runningItem();
        return running != null && !running.overtime ? running.endsAt : Long.MAX_VALUE;
    }

    /** M1, L2: the items a meeting is created with, checked; each gets an id from {@code ids}. */
    public static List<AgendaItemAdded> planned(List<AgendaItemPlan> plan, Supplier<String> ids,
            PresetCheck presets) {
        if (plan.size() > Limits.AGENDA_ITEMS) {
            throw Rejected.invalid("agenda may have at most " + Limits.AGENDA_ITEMS + " items");
        }
        List<AgendaItemAdded> items = new ArrayList<>();
        for (AgendaItemPlan item : plan) {
            if (item == null) {
                throw Rejected.invalid("agenda items must be objects");
            }
            String title = Text.line(item.title(), "title", 1, 200);
            int duration = Text.range(item.durationSeconds(), "durationSeconds", 1, 86400);
            AgendaItemKind kind = kind(item.kind());
            String description = item.description() == null ? "" : description(item.description());
            OpenBreakouts breakout = preset(item.breakout(), null, kind, duration, presets);
            items.add(new AgendaItemAdded(ids.get(), title, duration, kind.wireName(), items.size(), description,
                    breakout));
        }
        return items;
    }

    private AgendaItem requireItem(String itemId) {
        if (itemId == null) {
            throw Rejected.invalid("itemId is required");
        }
        return items.stream().filter(i -> i.id.equals(itemId)).findFirst()
                .orElseThrow(() -> Rejected.notFound("no such agenda item"));
    }

    private AgendaItem requireRunning() {
        AgendaItem running = runningItem();
        if (running == null) {
            throw Rejected.conflict("no agenda item is running");
        }
        return running;
    }

    /** AP1: multi-line, up to 2000 characters; "" clears it. */
    private static String description(String given) {
        return Text.paragraph(given, "description", 0, 2000);
    }

    /** AP2, AP3: a prepared round is checked, and belongs to a breakout item only. */
    private static OpenBreakouts preset(OpenBreakouts given, OpenBreakouts stored, AgendaItemKind kind,
            int durationSeconds, PresetCheck presets) {
        OpenBreakouts preset = given == null ? null : presets.checked(given, stored, durationSeconds);
        if (preset != null && kind != AgendaItemKind.BREAKOUT) {
            throw Rejected.invalid("breakout (a prepared round) is for items of kind breakout only");
        }
        return preset;
    }

    private static AgendaItemKind kind(String wire) {
        return wire == null ? AgendaItemKind.PLENARY
                : AgendaItemKind.fromWire(wire).orElseThrow(() -> Rejected.invalid("kind must be plenary, breakout or break"));
    }

    // ---------------------------------------------------------------------------------------------
    // Events: trusted, no checks.

    public void added(AgendaItemAdded e) {
        AgendaItem item = new AgendaItem(e.itemId(), e.title(), e.durationSeconds(), kind(e.kind()));
        item.description = e.description();
        item.breakout = e.breakout();
        items.add(Math.min(e.position(), items.size()), item);
    }

    public void updated(AgendaItemUpdated e) {
        AgendaItem item = item(e.itemId());
        item.title = e.title();
        item.durationSeconds = e.durationSeconds();
        item.kind = kind(e.kind());
        item.description = e.description();
        item.breakout = e.breakout();
    }

    public void removed(AgendaItemRemoved e) {
        items.remove(item(e.itemId()));
    }

    public void moved(AgendaItemMoved e) {
        AgendaItem item = item(e.itemId());
        items.remove(item);
        items.add(Math.min(e.toIndex(), items.size()), item);
    }

    public void started(AgendaItemStarted e) {
        AgendaItem item = item(e.itemId());
        item.status = AgendaItem.Status.RUNNING;
        item.startedAt = e.startedAt();
        item.endsAt = e.endsAt();
    }

    public void extended(AgendaItemExtended e) {
        AgendaItem item = item(e.itemId());
        item.endsAt = e.endsAt();
        item.overtime = false;
    }

    public void ended(AgendaItemEnded e) {
        AgendaItem item = item(e.itemId());
        item.status = AgendaItem.Status.DONE;
        item.endedAt = e.endedAt();
    }

    public void overran(AgendaItemOverran e) {
        item(e.itemId()).overtime = true;
    }

    private AgendaItem item(String itemId) {
        return items.stream().filter(i -> i.id.equals(itemId)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    /** Every item, in order. */
    public List<AgendaItem> items() {
        return items;
    }

    public AgendaItem runningItem() {
        return items.stream().filter(i -> i.status == AgendaItem.Status.RUNNING).findFirst().orElse(null);
    }
}
