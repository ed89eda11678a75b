"""Adds a control deadline to user tasks of a Jospar model (issue 16), the way BodyReport and Consolidation got theirs:
camunda:dueDate="${controlDates.due('<kind>')}" on the task, three non-interrupting boundary timers
(BoundaryEvent_<Prefix>ReminderDue / DeadlinePassed / Level2Due, each with the end listener
${controlDates.passed(execution, 0|1|2)}) and one end event EndEvent_<Prefix>DeadlineNoted, with their diagram shapes.

Usage: edit the calls at the bottom (model file; task id, id prefix, kind of step from jospar.control.working-days,
label), run `python3 docs/add-control-deadline.py` from the repository's root, open the model in Camunda Modeler to tidy
the layout, add the new ids to ReportProcess and a controlTimersFire(...) walk to PlanProcessesTest.
"""
import re,sys
TIMERS=[("ReminderDue","Reminder due","reminder",0),("DeadlinePassed","Deadline passed","due",1),("Level2Due","Level 2 due","level2",2)]
def apply(path, specs):
    s=open(path).read()
    for task,prefix,kind,label in specs:
        m=re.search(r'<bpmn:userTask id="%s"[^>]*>'%task,s)
        tag=m.group(0)
        assert 'camunda:dueDate' not in tag
        s=s.replace(tag, tag[:-1]+' camunda:dueDate="${controlDates.due(\'%s\')}">'%kind,1)
        # indentation of the task
        line_start=s.rfind('\n',0,m.start())+1
        ind=s[line_start:m.start()]
        end=s.index('</bpmn:userTask>',m.start())+len('</bpmn:userTask>')
        out=[]
        endid="EndEvent_%sDeadlineNoted"%prefix
        for suffix,name,expr,level in TIMERS:
            bid="BoundaryEvent_%s%s"%(prefix,suffix)
            out.append(f'''{ind}<bpmn:boundaryEvent id="{bid}" name="{label} {name[0].lower()+name[1:]}" cancelActivity="false" attachedToRef="{task}">
{ind}  <bpmn:extensionElements>
{ind}    <camunda:executionListener expression="${{controlDates.passed(execution, {level})}}" event="end" />
{ind}  </bpmn:extensionElements>
{ind}  <bpmn:outgoing>SequenceFlow_{prefix}{suffix}</bpmn:outgoing>
{ind}  <bpmn:timerEventDefinition id="{bid}_Timer">
{ind}    <bpmn:timeDate xsi:type="bpmn:tFormalExpression">${{controlDates.{expr}('{kind}')}}</bpmn:timeDate>
{ind}  </bpmn:timerEventDefinition>
{ind}</bpmn:boundaryEvent>''')
        out.append(f'''{ind}<bpmn:endEvent id="{endid}" name="{label} deadline noted">''')
        for suffix,_,_,_ in TIMERS:
            out.append(f'''{ind}  <bpmn:incoming>SequenceFlow_{prefix}{suffix}</bpmn:incoming>''')
        out.append(f'''{ind}</bpmn:endEvent>''')
        for suffix,_,_,_ in TIMERS:
            out.append(f'''{ind}<bpmn:sequenceFlow id="SequenceFlow_{prefix}{suffix}" sourceRef="BoundaryEvent_{prefix}{suffix}" targetRef="{endid}" />''')
        s=s[:end]+'\n'+'\n'.join(out)+s[end:]
        # DI
        dm=re.search(r'<bpmndi:BPMNShape id="%s_di" bpmnElement="%s">\s*<dc:Bounds x="(\d+)" y="(\d+)"'%(task,task),s)
        tx,ty=int(dm.group(1)),int(dm.group(2))
        shape_end=s.index('</bpmndi:BPMNShape>',dm.start())+len('</bpmndi:BPMNShape>')
        di=[]
        ex,ey=tx+32,ty+130
        for i,(suffix,_,_,_) in enumerate(TIMERS):
            bid="BoundaryEvent_%s%s"%(prefix,suffix)
            bx,by=tx-2+34*i,ty+62
            di.append(f'''      <bpmndi:BPMNShape id="{bid}_di" bpmnElement="{bid}">
        <dc:Bounds x="{bx}" y="{by}" width="36" height="36" />
      </bpmndi:BPMNShape>''')
        di.append(f'''      <bpmndi:BPMNShape id="{endid}_di" bpmnElement="{endid}">
        <dc:Bounds x="{ex}" y="{ey}" width="36" height="36" />
        <bpmndi:BPMNLabel>
          <dc:Bounds x="{ex-32}" y="{ey+40}" width="100" height="27" />
        </bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>''')
        for i,(suffix,_,_,_) in enumerate(TIMERS):
            bx=tx-2+34*i+18; by=ty+98
            di.append(f'''      <bpmndi:BPMNEdge id="SequenceFlow_{prefix}{suffix}_di" bpmnElement="SequenceFlow_{prefix}{suffix}">
        <di:waypoint x="{bx}" y="{by}" />
        <di:waypoint x="{bx}" y="{ey+18}" />
        <di:waypoint x="{ex+(0 if i==0 else 36 if i==2 else 18)}" y="{ey+18 if i!=1 else ey}" />
      </bpmndi:BPMNEdge>''')
        s=s[:shape_end]+'\n'+'\n'.join(di)+s[shape_end:]
    open(path,'w').write(s)

if __name__ == "__main__":
    # e.g. the session kind's steps (already applied to BodyReport and Consolidation; do not run twice on a model):
    # apply('bpmn/Session.bpmn', [("Task_PrepareSession", "PrepareSession", "session", "Preparation"),
    #                             ("Task_RecordSessionHeld", "RecordSession", "session", "Session record")])
    pass
