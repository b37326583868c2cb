package io.kring.browser;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips each browser test, one by one and with the reason, when Debian's chromium or chromedriver is
 * missing. A class-level assumption would report "Tests run: 0", which reads as if there were no
 * browser tests at all; skipped tests say what did not run and why (.ci/run fails on them).
 */
final class RequiresChromium implements ExecutionCondition {

    static final String REASON = "browser test skipped: Debian's chromium and chromium-driver are not installed"
            + " (/usr/bin/chromium, /usr/bin/chromedriver); `apt-get install chromium chromium-driver`";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty() || Browser.available()) {
            return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
        }
        return ConditionEvaluationResult.disabled(REASON);
    }
}
