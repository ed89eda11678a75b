package kz.jospar.engine;


import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import kz.jospar.engine.CommandPolicy.Verdict;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.AddGroupIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.GetAttachmentContentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.Test;

/** The verdict for each kind of engine command a person may send; anything not listed is refused. */
class CommandPolicyTest {

  @Test
  void readsPassToTheEnginesOwnAuthorizations() {
    assertThat(CommandPolicy.of(new TaskQueryImpl())).isEqualTo(Verdict.READ);
    assertThat(CommandPolicy.of(new GetTaskVariableCmdTyped("t", "reportText", false, false))).isEqualTo(Verdict.READ);
  }

  @Test
  void aPersonsWorkIsCompletingClaimingAndGivingBack() {
    assertThat(CommandPolicy.of(new CompleteTaskCmd("t", Map.of()))).isEqualTo(Verdict.WORK);
    assertThat(CommandPolicy.of(new ClaimTaskCmd("t", "u"))).isEqualTo(Verdict.WORK);
  }

  @Test
  void repairsAreTheAdministratorsAndStartsGoToTheEnginesGrants() {
    assertThat(CommandPolicy.of(new SetJobRetriesCmd("j", null, 3, null, false))).isEqualTo(Verdict.ADMIN);
    assertThat(CommandPolicy.of(grant())).isEqualTo(Verdict.ADMIN);
    assertThat(CommandPolicy.of(new org.camunda.bpm.engine.impl.cmd.ActivateJobCmd(
        new org.camunda.bpm.engine.impl.management.UpdateJobSuspensionStateBuilderImpl().byJobId("j")))).isEqualTo(Verdict.ADMIN);
    assertThat(CommandPolicy.of(new StartProcessInstanceCmd(null))).isEqualTo(Verdict.START);
  }

  static SaveAuthorizationCmd grant() {
    org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity a = new org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity(1);
    a.setGroupId("official");
    a.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
    return new SaveAuthorizationCmd(a);
  }

  @Test
  void whatCouldDecideOrRerouteIsRefusedToEveryone() {
    List<Command<?>> refused = List.of(new SetTaskVariablesCmd("t", Map.of(), false), new SaveTaskCmd(new TaskEntity()),
        new AddGroupIdentityLinkCmd("t", "camunda-admin", "candidate"), new AddCommentCmd("t", null, "m"),
        new CreateAttachmentCmd("t", null, null, "n", "d", null, null), new GetAttachmentContentCmd("a"),
        new DeleteDeploymentCmd("d", true, false, false));
    refused.forEach(c -> assertThat(CommandPolicy.of(c)).as(c.getClass().getSimpleName()).isEqualTo(Verdict.DENY));
  }

  @Test
  void aCommandNobodyListedIsRefused() {
    // a command class from outside Jospar that no rule names (a proxy stands for a future Camunda command)
    @SuppressWarnings("unchecked")
    Command<Object> unknown = (Command<Object>) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Command.class}, (proxy, method, args) -> null);
    assertThat(CommandPolicy.of(unknown)).isEqualTo(Verdict.DENY);
    assertThat(CommandPolicy.isRead("ModifyProcessInstanceCmd")).isFalse();
    assertThat(CommandPolicy.isRead("SetProcessDefinitionVersionCmd")).isFalse();
  }
}
