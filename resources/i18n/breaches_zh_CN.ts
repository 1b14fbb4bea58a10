<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BreachLabels</name>
    <message>
        <location filename="../../ui/breaches/models.py" line="+41"/>
        <location line="+191"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-190"/>
        <location line="+188"/>
        <source>Status</source>
        <translation>监测状态</translation>
    </message>
    <message>
        <location line="-187"/>
        <location line="+188"/>
        <source>Ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>Exposure</source>
        <translation>风险暴露</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+188"/>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>Analysis</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mitigation plan</source>
        <translation>整改计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+186"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="-185"/>
        <location line="+186"/>
        <source>Due date</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>Major event</source>
        <translation>重大事件</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opened</source>
        <translation>登记时间/人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last change</source>
        <translation>最近变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major concentration risk event (重大集中度风险事件)</source>
        <translation>重大集中度风险事件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status when last flagged by a stored evaluation</source>
        <translation>最近一次评估触发时的状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ratio when last flagged</source>
        <translation>最近一次触发时的比例</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>BreachesScreen</name>
    <message>
        <location filename="../../ui/breaches/screen.py" line="+75"/>
        <source>Reading the breach register…</source>
        <translation>正在读取超限台账…</translation>
    </message>
    <message>
        <location line="+195"/>
        <source>Active (not closed)</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All limits</source>
        <translation>全部限额</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{n} cases, {active} active, {breach} in breach, {major} major, {overdue} overdue</source>
        <translation>共 {n} 项，未关闭 {active} 项，其中超限 {breach} 项、重大事件 {major} 项、{overdue} 项逾期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> · {shown} shown</source>
        <translation> · 当前显示 {shown} 项</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Evidence: evaluation #{id} of snapshot {as_of}</source>
        <translation>证据：快照 {as_of} 的评估 #{id}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comment: {text}</source>
        <translation>备注：{text}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record event</source>
        <translation>登记事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record this event for case #{id}?</source>
        <translation>为案例 #{id} 登记以下事件？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The event is added to the case&apos;s permanent history under your name. It cannot be undone or changed afterwards; a correction is a further event.</source>
        <translation>该事件将以您的名义永久记入案例历史，登记后不能撤销或修改；如需更正，请再登记一条事件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Set your name first (Settings › User Name…): every event is recorded under the name of the person who recorded it.</source>
        <translation>请先设置您的姓名（设置 › 用户名…）：每条事件都以登记人的姓名记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+60"/>
        <source>Nothing to record: change a field or write a comment.</source>
        <translation>没有可登记的内容：请修改字段或填写备注。</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Recorded in the case&apos;s history.</source>
        <translation>已记入案例历史。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The case cannot be closed yet: no snapshot later than the one that last flagged {limit} / {key} has been evaluated. Import the next period&apos;s data first; the case can be closed once it shows the key back in range.</source>
        <translation>案例暂不能关闭：最近一次触发 {limit} / {key} 的快照之后，尚无更晚的快照完成评估。请先导入下一期数据；待其显示该对象已回到限额内，方可关闭。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The case cannot be closed: the later snapshot of {snapshot} still shows {limit} / {key} in warning or breach.</source>
        <translation>案例不能关闭：之后 {snapshot} 的快照仍显示 {limit} / {key} 处于预警或超限状态。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The case cannot be closed with this evidence: the chosen evaluation is not of a snapshot later than the one that last flagged the case.</source>
        <translation>不能以此证据关闭案例：所选评估并非晚于最近一次触发该案例的快照。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The case cannot be closed: the evaluation of snapshot {snapshot} does not contain limit {limit} at all, so it cannot show the key back in range.</source>
        <translation>案例不能关闭：快照 {snapshot} 的评估中没有限额 {limit}，无法证明该对象已回到限额内。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The case cannot be closed: the later snapshots do not show it back in range.</source>
        <translation>案例不能关闭：之后的快照未显示其已回到限额内。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This case is already closed and takes no more events.</source>
        <translation>该案例已关闭，不能再登记事件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A case cannot go back from {old} to {new}.</source>
        <translation>案例状态不能从“{old}”退回到“{new}”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database is busy (another RiskDesk window is writing). Try again in a moment.</source>
        <translation>数据库正忙（另一个 RiskDesk 窗口正在写入），请稍后再试。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The event was not recorded ({code}).</source>
        <translation>事件未登记（{code}）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unrecorded event</source>
        <translation>未登记的事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The event you were writing for case #{id} has not been recorded. Close anyway?</source>
        <translation>您为案例 #{id} 填写的事件尚未登记。仍要关闭吗？</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Breach register</source>
        <translation>超限台账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major events only {mark}</source>
        <translation>仅看重大事件 {mark}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the register again</source>
        <translation>重新读取台账</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <location filename="../../ui/breaches/detail.py" line="+52"/>
        <source>Major concentration risk event — report to the board at once</source>
        <translation>重大集中度风险事件 — 应立即向董事会报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History (every event, newest first; nothing is ever overwritten)</source>
        <translation>历史记录（全部事件，最新在前；任何记录均不覆盖）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No case selected</source>
        <translation>未选择案例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a case in the table to see its history and record the next event.</source>
        <translation>在上表中选择一个案例，查看其历史并登记下一事件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Case #{id}: {limit} · {key}</source>
        <translation>案例 #{id}：{limit} · {key}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last flagged: {status} at {ratio} ({exposure})</source>
        <translation>最近触发：{status}，比例 {ratio}（{exposure}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>State: &lt;b&gt;{state}&lt;/b&gt;</source>
        <translation>状态：&lt;b&gt;{state}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cause: {cause}</source>
        <translation>原因：{cause}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner: {owner}</source>
        <translation>责任人：{owner}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due: {due}</source>
        <translation>期限：{due}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History: {n} events, newest first; nothing is ever overwritten</source>
        <translation>历史记录：共 {n} 条事件，最新在前；任何记录均不覆盖</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{as_of} (withdrawn since)</source>
        <translation>{as_of}（该快照已撤回）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opened by the evaluation of snapshot {snapshot}</source>
        <translation>登记：{snapshot} 快照评估触发</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flagged again by the evaluation of snapshot {snapshot}</source>
        <translation>再次触发：{snapshot} 快照评估</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed: snapshot {snapshot} shows it back in range</source>
        <translation>关闭：{snapshot} 快照显示已回到限额内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{status} at {ratio}, exposure {exposure}</source>
        <translation>{status}，比例 {ratio}，风险暴露 {exposure}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(unknown user)</source>
        <translation>（未知用户）</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <location filename="../../ui/breaches/editor.py" line="+134"/>
        <source>Record the next event</source>
        <translation>登记下一事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New state</source>
        <translation>新状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Evidence</source>
        <translation>关闭证据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due date</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Major event</source>
        <translation>重大事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analysis</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mitigation plan</source>
        <translation>整改计划</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Major concentration risk event (report to the board at once)</source>
        <translation>重大集中度风险事件（应立即向董事会报告）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a due date (once set, it can be moved but not removed)</source>
        <translation>设置整改期限（设置后可调整，不能删除）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The evaluation of a later snapshot that shows the key back in range</source>
        <translation>显示该对象已回到限额内的后续快照评估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who is responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the limit is exceeded, and what it means</source>
        <translation>超限原因及影响</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What will bring the exposure back within the limit, and by when</source>
        <translation>如何在何时使风险暴露回到限额内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A note for the record (optional)</source>
        <translation>记录备注（可选）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record event…</source>
        <translation>登记事件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This case is closed. A closed case takes no more events; its history stays on record.</source>
        <translation>该案例已关闭，不能再登记事件；其历史记录永久保留。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Unchanged ({state})</source>
        <translation>不变（{state}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not yet: a case is closed on the evaluation of a later snapshot that shows the key back in range. Import the next period&apos;s data first.</source>
        <translation>暂不能关闭：须有更晚一期快照的评估显示该对象已回到限额内，才能关闭。请先导入下一期数据。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Snapshot {as_of}, evaluation #{id} of {at}</source>
        <translation>快照 {as_of}，评估 #{id}（{at}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No later snapshot has been evaluated yet</source>
        <translation>尚无更晚的快照评估</translation>
    </message>
</context>
</TS>
