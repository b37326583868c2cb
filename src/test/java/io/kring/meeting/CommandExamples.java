package io.kring.meeting;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/** Every command type, found from the sealed interfaces, so that a new command shows up in the tests by itself. */
final class CommandExamples {

    private CommandExamples() {
    }

    static List<Class<?>> clientCommandTypes() {
        return Arrays.asList(MeetingCommand.ClientCommand.class.getPermittedSubclasses());
    }

    static List<Class<?>> systemCommandTypes() {
        return Arrays.asList(MeetingCommand.SystemCommand.class.getPermittedSubclasses());
    }

    static List<Class<?>> eventTypes() {
        return Arrays.asList(MeetingEvent.class.getPermittedSubclasses());
    }

    /** The command with every field null (missing on the wire). */
    static MeetingCommand withNulls(Class<?> type) {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Object[] values = new Object[components.length];
            return (MeetingCommand) type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + type.getSimpleName() + " with null fields", e);
        }
    }
}
