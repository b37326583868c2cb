package io.kring.persistence;

import java.util.function.Supplier;

import jakarta.persistence.PersistenceException;

import io.kring.live.MeetingStore.StoreUnavailable;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The stores' one way to run a transaction: a database failure becomes {@link StoreUnavailable}, after the rollback. */
final class Transactions {

    private Transactions() {
    }

    /** Runs {@code work} in a new transaction. */
    static <T> T inTransaction(Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (RuntimeException e) {
            if (isDatabaseFailure(e)) {
                throw new StoreUnavailable("the database cannot be reached", e);
            }
            throw e;
        }
    }

    /** {@link #inTransaction}, failing fast while the database is known down, and telling the watch when it is. */
    static <T> T watched(StoreAvailability availability, Supplier<T> work) {
        availability.checkUp();
        try {
            return inTransaction(work);
        } catch (StoreUnavailable e) {
            availability.failed(null, e);
            throw e;
        }
    }

    private static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof PersistenceException
                    || t instanceof jakarta.transaction.RollbackException) {
                return true;
            }
        }
        return false;
    }
}
