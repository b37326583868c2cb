package io.kring.meeting;

import static io.kring.meeting.MeetingCommand.*;
import static io.kring.meeting.MeetingEvent.*;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import io.kring.meeting.roster.Role;

/**
 * The meeting's one dispatch table (architecture section 8): every command a {@link Meeting} takes and the
 * part that handles it (or the rule across parts the Meeting keeps), and which parts each event changes.
 * Only the Meeting uses it; it lives in its own file so that the whole list reads in one place.
 */
final class MeetingDispatch {

    private MeetingDispatch() {
    }

    /** A command's handler, given the meeting it runs in. */
    interface Rule<C extends MeetingCommand> {
        void handle(Meeting m, Member actor, C command, long now);
    }

    /** Each command's handler: the part that checks it and emits its events, or a rule across parts. */
    private static final Map<Class<?>, Rule<?>> RULES = new HashMap<>();
    /** Each event's effect on the parts: trusted, no checks. The only code that changes state. */
    private static final Map<Class<?>, BiConsumer<Meeting, ?>> EFFECTS = new HashMap<>();

    private static <C extends MeetingCommand> void rule(Class<C> type, Rule<C> rule) {
        RULES.put(type, rule);
    }

    private static <E extends MeetingEvent> void effect(Class<E> type, BiConsumer<Meeting, E> effect) {
        EFFECTS.put(type, effect);
    }

    static {
        rule(ConnectParticipant.class, (m, actor, c, now) -> m.connect(actor, now));
        rule(DisconnectParticipant.class, (m, actor, c, now) -> m.roster.disconnect(actor, now, m.context));
        rule(AddAgendaItem.class, (m, actor, c, now) -> m.agenda.add(actor, c, m.context));
        rule(UpdateAgendaItem.class, (m, actor, c, now) -> m.agenda.update(actor, c, m.context));
        rule(RemoveAgendaItem.class, (m, actor, c, now) -> m.agenda.remove(actor, c, m.context));
        rule(MoveAgendaItem.class, (m, actor, c, now) -> m.agenda.move(actor, c, m.context));
        rule(StartAgendaItem.class, (m, actor, c, now) -> m.agenda.start(actor, c, now, m.context,
                item -> m.preparedRound(actor, item, now)));
        rule(StartNextAgendaItem.class, (m, actor, c, now) -> m.agenda.startNext(actor, now, m.context,
                item -> m.preparedRound(actor, item, now)));
        rule(ExtendAgendaItem.class, (m, actor, c, now) -> m.agenda.extend(actor, c, m.context));
        rule(StopAgendaItem.class, (m, actor, c, now) -> m.agenda.stop(actor, now, m.context));
        rule(RaiseHand.class, (m, actor, c, now) -> m.floor.raiseHand(actor, c, now, m.context));
        rule(LowerHand.class, (m, actor, c, now) -> m.floor.lowerHand(actor, c, m.context));
        rule(GiveFloor.class, (m, actor, c, now) -> m.floor.giveFloor(actor, c, now, m.context));
        rule(GiveFloorToNext.class, (m, actor, c, now) -> m.floor.giveFloorToNext(actor, c, now, m.context));
        rule(EndFloor.class, (m, actor, c, now) -> m.floor.endFloor(actor, now, m.context));
        rule(StartFloorRound.class, (m, actor, c, now) -> m.floor.startRound(actor, c, now, m.context));
        rule(SendChatMessage.class, (m, actor, c, now) -> m.chat.send(actor, c, now, m.context));
        rule(DeleteChatMessage.class, (m, actor, c, now) -> m.chat.delete(actor, c, now, m.context));
        rule(MuteParticipant.class, (m, actor, c, now) ->
                m.roster.setChatMute(actor, c.participantId(), true, m.context));
        rule(UnmuteParticipant.class, (m, actor, c, now) ->
                m.roster.setChatMute(actor, c.participantId(), false, m.context));
        rule(RemoveParticipant.class, (m, actor, c, now) -> m.removeParticipant(actor, c, now));
        rule(PromoteParticipant.class, (m, actor, c, now) ->
                m.roster.changeRole(actor, c.participantId(), Role.MODERATOR, m.context));
        rule(DemoteParticipant.class, (m, actor, c, now) ->
                m.roster.changeRole(actor, c.participantId(), Role.PARTICIPANT, m.context));
        rule(AddParticipant.class, (m, actor, c, now) -> m.addParticipant(actor, c, now));
        rule(LockMeeting.class, (m, actor, c, now) -> m.roster.setLocked(actor, true, m.context));
        rule(UnlockMeeting.class, (m, actor, c, now) -> m.roster.setLocked(actor, false, m.context));
        rule(Announce.class, (m, actor, c, now) -> m.announce(actor, c, now));
        rule(EndMeeting.class, (m, actor, c, now) -> m.endMeeting(actor, now));
        rule(SetMeetingCall.class, (m, actor, c, now) -> m.setCall(actor, c));
        rule(LeaveMeeting.class, (m, actor, c, now) -> m.leave(actor, now));
        rule(OpenBreakouts.class, (m, actor, c, now) -> m.openBreakouts(actor, c, now));
        rule(JoinBreakoutRoom.class, (m, actor, c, now) -> m.breakouts.joinRoom(actor, c, m.context));
        rule(MoveToBreakoutRoom.class, (m, actor, c, now) -> m.breakouts.moveToRoom(actor, c, m.context));
        rule(BroadcastToBreakouts.class, (m, actor, c, now) -> m.breakouts.broadcast(actor, c, now, m.context));
        rule(ExtendBreakouts.class, (m, actor, c, now) -> m.breakouts.extend(actor, c, m.context));
        rule(CloseBreakouts.class, (m, actor, c, now) -> m.breakouts.close(actor, c, now, m.context));
        rule(RequestBreakoutHelp.class, (m, actor, c, now) -> m.breakouts.requestHelp(actor, now, m.context));
        rule(AddInsight.class, (m, actor, c, now) -> m.breakouts.addInsight(actor, c, now, m.context));
        rule(MarkRoomDone.class, (m, actor, c, now) -> m.breakouts.markDone(actor, c, now, m.context));
        rule(EditInsight.class, (m, actor, c, now) -> m.breakouts.editInsight(actor, c, now, m.context));
        rule(RemoveInsight.class, (m, actor, c, now) -> m.breakouts.removeInsight(actor, c, now, m.context));
        rule(AskQuestion.class, (m, actor, c, now) -> m.questions.ask(actor, c, m.runningItemId(), now, m.context));
        rule(UpvoteQuestion.class, (m, actor, c, now) -> m.questions.upvote(actor, c, m.context));
        rule(AnswerQuestion.class, (m, actor, c, now) -> m.questions.answer(actor, c, m.context));
        rule(RemoveQuestion.class, (m, actor, c, now) -> m.questions.remove(actor, c, now, m.context));
        rule(OpenPoll.class, (m, actor, c, now) -> m.polls.open(actor, c, now, i -> PollRounds.insightsOf(m, i), m.context));
        rule(VotePoll.class, (m, actor, c, now) -> m.polls.vote(actor, c, now, m.context));
        rule(ClosePoll.class, (m, actor, c, now) -> m.polls.close(actor, c, now, m.context));
        rule(StartReportBack.class, (m, actor, c, now) -> m.reportBacks.start(actor, c, ReportBackRounds.of(m), now, m.context));
        rule(NextReportBackRoom.class, (m, actor, c, now) -> m.reportBacks.next(actor, ReportBackRounds.of(m), now, m.context));
        rule(StopReportBack.class, (m, actor, c, now) -> m.reportBacks.stop(actor, now, m.context));
        rule(PublishRecap.class, (m, actor, c, now) -> m.recap.publish(actor, now, m.context));
        rule(UnpublishRecap.class, (m, actor, c, now) -> m.recap.unpublish(actor, now, m.context));

        effect(MeetingCreated.class, Meeting::created);
        effect(MeetingPlannedInNetwork.class, Meeting::plannedInNetwork);
        effect(AnnouncementChanged.class, Meeting::announcementChanged);
        effect(MeetingEnded.class, Meeting::ended);
        effect(MeetingCallChanged.class, Meeting::callChanged);
        effect(MeetingLockChanged.class, (m, e) -> m.roster.lockChanged(e));
        effect(ParticipantJoined.class, (m, e) -> m.roster.joined(e));
        effect(ParticipantConnected.class, (m, e) -> m.roster.connected(e));
        effect(ParticipantDisconnected.class, (m, e) -> m.roster.disconnected(e));
        effect(PresenceChanged.class, (m, e) -> m.roster.presenceChanged(e));
        effect(ParticipantLeft.class, (m, e) -> m.roster.left(e));
        effect(ParticipantRemoved.class, (m, e) -> m.roster.removed(e));
        effect(ChatMuteChanged.class, (m, e) -> m.roster.chatMuteChanged(e));
        effect(RoleChanged.class, (m, e) -> m.roster.roleChanged(e));
        effect(AgendaItemAdded.class, (m, e) -> m.agenda.added(e));
        effect(AgendaItemUpdated.class, (m, e) -> m.agenda.updated(e));
        effect(AgendaItemRemoved.class, (m, e) -> m.agenda.removed(e));
        effect(AgendaItemMoved.class, (m, e) -> m.agenda.moved(e));
        effect(AgendaItemStarted.class, (m, e) -> m.agenda.started(e));
        effect(AgendaItemExtended.class, (m, e) -> m.agenda.extended(e));
        effect(AgendaItemEnded.class, (m, e) -> m.agenda.ended(e));
        effect(AgendaItemOverran.class, (m, e) -> m.agenda.overran(e));
        effect(HandRaised.class, (m, e) -> m.floor.handRaised(e));
        effect(HandLowered.class, (m, e) -> m.floor.handLowered(e));
        effect(FloorGiven.class, (m, e) -> m.floor.floorGiven(e));
        effect(FloorEnded.class, (m, e) -> m.floor.floorEnded(e));
        effect(SpeakerOverran.class, (m, e) -> m.floor.speakerOverran(e));
        effect(FloorRoundStarted.class, (m, e) -> m.floor.roundStarted(e));
        effect(ChatMessageSent.class, (m, e) -> m.chat.sent(e));
        effect(ChatMessageDeleted.class, (m, e) -> m.chat.deleted(e));
        effect(BreakoutsOpened.class, Meeting::breakoutsOpened);
        effect(ParticipantMoved.class, Meeting::participantMoved);
        effect(BreakoutHelpRequested.class, (m, e) -> m.breakouts.helpRequested(e));
        effect(BreakoutHelpAnswered.class, (m, e) -> m.breakouts.helpAnswered(e));
        effect(RoomDoneChanged.class, (m, e) -> m.breakouts.doneChanged(e));
        effect(BreakoutsBroadcast.class, (m, e) -> m.breakouts.broadcast(e));
        effect(BreakoutsExtended.class, (m, e) -> m.breakouts.extended(e));
        effect(BreakoutsEndingSoon.class, (m, e) -> m.breakouts.endingSoon(e));
        effect(BreakoutsClosing.class, (m, e) -> m.breakouts.closing(e));
        effect(BreakoutsClosed.class, Meeting::breakoutsClosed);
        effect(InsightAdded.class, (m, e) -> m.breakouts.insightAdded(e));
        effect(InsightEdited.class, (m, e) -> m.breakouts.insightEdited(e));
        effect(InsightRemoved.class, (m, e) -> m.breakouts.insightRemoved(e));
        effect(QuestionAsked.class, (m, e) -> m.questions.asked(e));
        effect(QuestionVoted.class, (m, e) -> m.questions.voted(e));
        effect(QuestionAnswered.class, (m, e) -> m.questions.answered(e));
        effect(QuestionRemoved.class, (m, e) -> m.questions.removed(e));
        effect(PollOpened.class, (m, e) -> m.polls.opened(e));
        effect(PollVoted.class, (m, e) -> m.polls.voted(e));
        effect(PollResultsTold.class, (m, e) -> m.polls.resultsTold(e));
        effect(PollClosed.class, (m, e) -> m.polls.closed(e));
        effect(ReportBackShown.class, (m, e) -> m.reportBacks.shown(e));
        effect(ReportBackEnded.class, (m, e) -> m.reportBacks.ended(e));
        effect(RecapPublished.class, (m, e) -> m.recap.published(e));
        effect(RecapUnpublished.class, (m, e) -> m.recap.unpublished(e));
    }

    @SuppressWarnings("unchecked")
    static Rule<MeetingCommand> ruleFor(MeetingCommand command) {
        return (Rule<MeetingCommand>) RULES.get(command.getClass());
    }

    @SuppressWarnings("unchecked")
    static BiConsumer<Meeting, MeetingEvent> effectOf(MeetingEvent event) {
        return (BiConsumer<Meeting, MeetingEvent>) EFFECTS.get(event.getClass());
    }
}
