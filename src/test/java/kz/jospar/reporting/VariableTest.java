package kz.jospar.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** Typed process variables: read without casts, a wrong type named, numbers of any width read as counts. */
class VariableTest {

  /** A variable scope over plain values: what a delegate's execution gives, without an engine. */
  static VariableScope scope(VariableMap values) {
    VariableScope scope = Mockito.mock(VariableScope.class);
    Mockito.when(scope.getVariable(Mockito.anyString())).thenAnswer(call -> values.get(call.getArgument(0, String.class)));
    Mockito.doAnswer(call -> values.put(call.getArgument(0), call.getArgument(1))).when(scope)
        .setVariable(Mockito.anyString(), Mockito.any());
    return scope;
  }

  @Test
  void readsEachTypeAndNamesAWrongOne() {
    Date due = new Date(0);
    var x = scope(Variables.createVariables().putValue("bodyCode", "aqdm").putValue("achievedCount", 3)
        .putValue("escalationLevel", 2L).putValue("dueAt", due).putValue("declined", "true").putValue("approved", true));
    assertThat(BodyReportVariables.BODY_CODE.from(x)).isEqualTo("aqdm");
    assertThat(BodyReportVariables.ACHIEVED_COUNT.from(x)).as("an Integer read as a count").isEqualTo(3L);
    assertThat(BodyReportVariables.ESCALATION_LEVEL.from(x)).isEqualTo(2L);
    assertThat(BodyReportVariables.DUE_AT.from(x)).isEqualTo(due);
    assertThat(BodyReportVariables.RETURN_REASON.from(x)).as("not set").isNull();
    assertThat(BodyReportVariables.APPROVED.isTrue(x)).isTrue();
    assertThat(BodyReportVariables.DECLINED.isTrue(x)).as("a text 'true' is not a decision").isFalse();
    assertThatThrownBy(() -> BodyReportVariables.DECLINED.from(x))
        .hasMessage("process variable 'declined' holds a String, not a Boolean");
    BodyReportVariables.LAST_RETURN_REASON.set(x, "the minutes are missing");
    assertThat(x.getVariable("lastReturnReason")).isEqualTo("the minutes are missing");
  }
}
