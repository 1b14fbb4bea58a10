<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddLimitDialog</name>
    <message>
        <location filename="../../ui/limits/sandbox_view.py" line="+64"/>
        <source>Add a limit</source>
        <translation>新增限额</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>empty: each key; *: all keys together</source>
        <translation>留空：逐项；*：全部合计</translation>
    </message>
</context>
<context>
    <name>LimitsCommands</name>
    <message>
        <location filename="../../ui/limits/commands.py" line="+78"/>
        <source>warning</source>
        <translation>预警值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>{id}: {what} {value}</source>
        <translation>{id}：{what}改为 {value}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{id}: allocate from {parent}</source>
        <translation>{id}：改由 {parent} 分配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{id}: no longer allocated</source>
        <translation>{id}：取消分配</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add limit {id}</source>
        <translation>新增限额 {id}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remove limit {id}</source>
        <translation>删除限额 {id}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rename {old} to {new}</source>
        <translation>{old} 改名为 {new}</translation>
    </message>
</context>
<context>
    <name>LimitsLabels</name>
    <message>
        <location filename="../../ui/limits/diff_model.py" line="+58"/>
        <location filename="../../ui/limits/models.py" line="+84"/>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/limits/models.py" line="+1"/>
        <location filename="../../ui/limits/pretrade.py" line="+64"/>
        <location filename="../../ui/limits/stress.py" line="+124"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning: approved → new</source>
        <translation>预警值：审批 → 沙盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit: approved → new</source>
        <translation>限额：审批 → 沙盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status: approved → new</source>
        <translation>状态：审批 → 沙盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys moving</source>
        <translation>变化项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Warning: first → second</source>
        <translation>预警值：前 → 后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit: first → second</source>
        <translation>限额：前 → 后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status: first → second</source>
        <translation>状态：前 → 后</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>First</source>
        <translation>版本一</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New</source>
        <translation>沙盘</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Second</source>
        <translation>版本二</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{side}: {ratio} of {basis} = {amount}</source>
        <translation>{side}：{basis} × {ratio} = {amount}</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../../ui/limits/models.py" line="+6"/>
        <location filename="../../ui/limits/pretrade.py" line="-1"/>
        <location filename="../../ui/limits/stress.py" line="-1"/>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/limits/models.py" line="-3"/>
        <location filename="../../ui/limits/pretrade.py" line="+3"/>
        <source>Key</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Exposure: {amount}</source>
        <translation>风险暴露：{amount}</translation>
    </message>
    <message>
        <location filename="../../ui/limits/models.py" line="+260"/>
        <source>Exposure</source>
        <translation>风险暴露</translation>
    </message>
    <message>
        <location filename="../../ui/limits/diff_model.py" line="-23"/>
        <location filename="../../ui/limits/pretrade.py" line="+3"/>
        <location filename="../../ui/limits/stress.py" line="+3"/>
        <source>Ratio before</source>
        <translation>比例（前）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/limits/pretrade.py" line="+1"/>
        <location filename="../../ui/limits/stress.py" line="+1"/>
        <source>Ratio after</source>
        <translation>比例（后）</translation>
    </message>
    <message>
        <location filename="../../ui/limits/models.py" line="-258"/>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Absent</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each key</source>
        <translation>逐项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group</source>
        <translation>集团</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solvency tier (equity)</source>
        <translation>按偿付能力分档（权益）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/limits/pretrade.py" line="-5"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Basis</source>
        <translation>基数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allocated from</source>
        <translation>分配自</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+254"/>
        <location filename="../../ui/limits/stress.py" line="-2"/>
        <source>Worst key</source>
        <translation>最高对象</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../../ui/limits/diff_model.py" line="-2"/>
        <location filename="../../ui/limits/models.py" line="+1"/>
        <location filename="../../ui/limits/proposals.py" line="+52"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/limits/models.py" line="+64"/>
        <source>Type a percentage: 11 means 11% of the basis</source>
        <translation>输入百分比：11 表示基数的 11%</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Keys in warning: {w}; in breach: {b}</source>
        <translation>预警项：{w}；超限项：{b}</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>(not allocated)</source>
        <translation>（不分配）</translation>
    </message>
    <message>
        <location filename="../../ui/limits/pretrade.py" line="+2"/>
        <source>Exposure before</source>
        <translation>暴露（前）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exposure after</source>
        <translation>暴露（后）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../ui/limits/stress.py" line="+3"/>
        <source>Status: before → after</source>
        <translation>状态：之前 → 之后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning / limit</source>
        <translation>预警值 / 限额</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Whole limit: {before} → {after} (worst key {key})</source>
        <translation>整条限额：{before} → {after}（最高对象 {key}）</translation>
    </message>
    <message>
        <location filename="../../ui/limits/proposals.py" line="-11"/>
        <source>Pending</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../ui/limits/diff_model.py" line="-25"/>
        <location filename="../../ui/limits/proposals.py" line="+1"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../ui/limits/proposals.py" line="+1"/>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proposer</source>
        <translation>提交人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+44"/>
        <source>Effective</source>
        <translation>生效日</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Decided or withdrawn by</source>
        <translation>审批人/撤回人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment or reason for withdrawal</source>
        <translation>审批意见/撤回理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided or withdrawn</source>
        <translation>审批/撤回时间</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Withdrawn by {user} on {time}: {reason}</source>
        <translation>{user} 于 {time} 撤回：{reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved at</source>
        <translation>审批时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposal</source>
        <translation>提案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limits</source>
        <translation>限额数</translation>
    </message>
    <message>
        <location filename="../../ui/limits/stress.py" line="-90"/>
        <source>Default of the largest counterparty groups</source>
        <translation>最大交易对手集团违约</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry shock</source>
        <translation>行业冲击</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region shock</source>
        <translation>地域冲击</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equity market fall</source>
        <translation>权益市场下跌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset class shock</source>
        <translation>大类资产冲击</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not computable: actual capital / minimum capital missing</source>
        <translation>无法计算：缺少实际资本/最低资本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not computable</source>
        <translation>无法计算</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Group / member</source>
        <translation>集团 / 成员公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Net assets before</source>
        <translation>净资产（前）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Net assets after</source>
        <translation>净资产（后）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total assets after</source>
        <translation>总资产（后）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solvency ratio before</source>
        <translation>偿付能力充足率（前）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solvency ratio after</source>
        <translation>偿付能力充足率（后）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Group (consolidated)</source>
        <translation>集团（合并）</translation>
    </message>
</context>
<context>
    <name>LimitsProposals</name>
    <message>
        <location filename="../../ui/limits/widgets.py" line="+139"/>
        <source>The proposer cannot approve or reject their own proposal: another person must decide it.</source>
        <translation>提交人不能审批自己的提案：须由另一人审批。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This proposal has already been decided.</source>
        <translation>该提案已审批。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set your user name first (Settings › User Name…): every decision records who made it.</source>
        <translation>请先设置用户名（设置 › 用户名…）：每项审批都记录审批人。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sandbox is the same as the approved set: there is nothing to propose.</source>
        <translation>沙盘与已审批限额相同，无需提交。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This proposal was made on an older version of the limit set; approving it would undo what was approved since. Make a new proposal from the sandbox.</source>
        <translation>该提案基于限额集的旧版本，批准它会撤销此后已批准的调整。请在沙盘中重新提交提案。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The effective date cannot be changed on approval.</source>
        <translation>审批时不能更改生效日。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No snapshot is stored: import data first.</source>
        <translation>尚无数据快照：请先导入数据。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There are no limits to govern with: import data first.</source>
        <translation>没有可用的限额：请先导入数据。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This proposal is no longer pending.</source>
        <translation>该提案已不在待审批状态。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the proposer can withdraw a proposal.</source>
        <translation>只有提交人才能撤回提案。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This proposal was withdrawn by its proposer: it can no longer be approved or rejected.</source>
        <translation>该提案已由提交人撤回，不能再批准或驳回。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A withdrawal needs a reason: it is recorded with the withdrawal.</source>
        <translation>撤回须填写理由：理由随撤回一并记录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective {effective} falls in {period}, a period already reported with the limits then in force; a report cannot be rewritten. Propose the change again, effective after {period_end}.</source>
        <translation>生效日 {effective} 落在已报告的期间 {period} 内：该期间已按当时有效的限额报告，报告不能改写。请重新提交，生效日须晚于 {period_end}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Refused: {reason}</source>
        <translation>被拒绝：{reason}</translation>
    </message>
</context>
<context>
    <name>LimitsScreen</name>
    <message>
        <location filename="../../ui/limits/screen.py" line="+189"/>
        <source>Another snapshot</source>
        <translation>切换数据快照</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sandbox has edits that were not submitted for approval. Discard them and open the other snapshot?</source>
        <translation>沙盘中有尚未提交审批的调整。是否放弃这些调整并打开另一数据快照？</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+9"/>
        <source>Loading the limits…</source>
        <translation>正在读取限额…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reading the snapshot&apos;s exposures…</source>
        <translation>正在读取快照的风险暴露…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No snapshot stored yet: import the quarter&apos;s data on the concentration screen.</source>
        <translation>尚无数据快照：请在集中度界面导入本季度数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} limits · as of {as_of}</source>
        <translation>{n} 条限额 · 数据日 {as_of}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reading exposures…</source>
        <translation>正在读取风险暴露…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Limits</source>
        <translation>限额管理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit set &amp;&amp; sandbox</source>
        <translation>限额与沙盘模拟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposals &amp;&amp; versions</source>
        <translation>提案与版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre-trade check</source>
        <translation>交易前检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stress test</source>
        <translation>压力测试</translation>
    </message>
</context>
<context>
    <name>PreTradePage</name>
    <message>
        <location filename="../../ui/limits/pretrade.py" line="+175"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Waiting for the snapshot&apos;s exposures…</source>
        <translation>正在等待快照的风险暴露数据…</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Not checked: {problems}</source>
        <translation>未检查：{problems}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Checking the limits…</source>
        <translation>正在检查限额…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Limits affected: {n}. New breaches: {b}. New warnings: {w}.</source>
        <translation>受影响限额 {n} 条，新增超限 {b} 条，新增预警 {w} 条。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A hypothetical trade</source>
        <translation>拟议交易</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every limit the trade touches, before and after</source>
        <translation>交易涉及的每条限额：交易前后对比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase / new exposure</source>
        <translation>买入 / 新增暴露</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sale of a holding</source>
        <translation>卖出持仓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Existing</source>
        <translation>已有交易对手</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New counterparty</source>
        <translation>新交易对手</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On balance sheet</source>
        <translation>表内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overseas</source>
        <translation>境外</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check limits</source>
        <translation>检查限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a name or id</source>
        <translation>输入名称或编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type an id or instrument</source>
        <translation>输入编号或资产代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation>成员公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Counterparty</source>
        <translation>交易对手</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counterparty id</source>
        <translation>交易对手编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry code</source>
        <translation>行业代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Region code</source>
        <translation>地域代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent</source>
        <translation>母公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Instrument</source>
        <translation>资产代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset class</source>
        <translation>大类资产</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount (100 million yuan)</source>
        <translation>金额（亿元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount sold (100 million yuan)</source>
        <translation>卖出金额（亿元）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Holding</source>
        <translation>持仓</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. BD-NEW-2030</source>
        <translation>例如 BD-NEW-2030</translation>
    </message>
</context>
<context>
    <name>ProposalsPage</name>
    <message>
        <location filename="../../ui/limits/proposals.py" line="+171"/>
        <source>Pending: {n}</source>
        <translation>待审批：{n}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Proposal #{id} compared with the limits in force: {n} limits differ</source>
        <translation>提案 #{id} 与现行限额相比：{n} 条不同</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Approve proposal #{id}</source>
        <translation>批准提案 #{id}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reject proposal #{id}</source>
        <translation>驳回提案 #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment of {user} (recorded with the decision):</source>
        <translation>{user} 的审批意见（随审批记录保存）：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Proposal #{id} approved: version {v} created.</source>
        <translation>提案 #{id} 已批准：生成第 {v} 版。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposal #{id} rejected.</source>
        <translation>提案 #{id} 已驳回。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Recording the decision…</source>
        <translation>正在记录审批…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Withdraw proposal #{id}</source>
        <translation>撤回提案 #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why does {user} withdraw this proposal? (recorded with the withdrawal; the proposal stays on record and can no longer be decided)</source>
        <translation>{user} 撤回该提案的理由（随撤回一并记录；提案仍保留在记录中，且不能再审批）：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Proposal #{id} withdrawn.</source>
        <translation>提案 #{id} 已撤回。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recording the withdrawal…</source>
        <translation>正在记录撤回…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{n} limits differ</source>
        <translation>{n} 条限额不同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comparing the versions…</source>
        <translation>正在比较版本…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Proposals</source>
        <translation>提案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw your own pending proposal (with a reason)</source>
        <translation>撤回本人提交的待审批提案（须填写理由）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved versions</source>
        <translation>已审批版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a proposal to see what it changes</source>
        <translation>选择提案以查看其调整内容</translation>
    </message>
</context>
<context>
    <name>ProposeDialog</name>
    <message>
        <location filename="../../ui/limits/sandbox_view.py" line="+61"/>
        <source>Submit for approval</source>
        <translation>提交审批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposed by {user}. Limits changed, added or removed: {n}. Another person approves or rejects it; nothing changes until then.</source>
        <translation>提交人：{user}。修改、新增或删除的限额：{n} 条。须由另一人批准或驳回，在此之前现行限额不变。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why the limits should change (required)</source>
        <translation>调整限额的理由（必填）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A report for {period} is on record: new limits can take effect from {date} on, not inside a period already reported.</source>
        <translation>{period} 的报告已有记录：新限额最早自 {date} 起生效，不能在已报告的期间内生效。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective date</source>
        <translation>生效日</translation>
    </message>
</context>
<context>
    <name>SandboxPage</name>
    <message>
        <location line="+171"/>
        <source>Leave the sandbox</source>
        <translation>退出沙盘模拟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sandbox has edits that were not submitted for approval. Discard them?</source>
        <translation>沙盘中有尚未提交审批的调整，是否放弃？</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Compared with the approved set — limits changed: {n}</source>
        <translation>与已审批限额对比 — 调整 {n} 条</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compared with the snapshot&apos;s own limits — limits changed: {n}</source>
        <translation>与快照自带限额对比 — 调整 {n} 条</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keys moving between ok / warning / breach: {n}</source>
        <translation>在正常 / 预警 / 超限之间变化的对象：{n} 个</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No snapshot with an evaluation is stored yet: import data on the concentration screen first.</source>
        <translation>尚无已评估的数据快照：请先在集中度界面导入数据。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approved limit set “{name}”, version {version} · effective {date} · approved by {who} on {when} · {n} limits</source>
        <translation>已审批限额集“{name}”第 {version} 版 · {date} 起生效 · 审批人 {who}（{when}）· 共 {n} 条</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Limits not yet approved — the snapshot&apos;s own limits are in use</source>
        <translation>限额尚未经审批 — 当前使用快照自带限额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>[Sandbox: edits are a what-if until submitted and approved]</source>
        <translation>【沙盘模拟：调整仅为模拟，提交并经审批后才生效】</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Re-evaluated in {ms} ms</source>
        <translation>重新评估用时 {ms} 毫秒</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit refused: {problems}</source>
        <translation>调整未被接受：{problems}</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Re-allocate</source>
        <translation>重新分配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allocate {id} from the group limit:</source>
        <translation>{id} 改由以下集团限额分配：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Set your user name first (Settings › User Name…): every proposal records who made it.</source>
        <translation>请先设置用户名（设置 › 用户名…）：每项提案都记录提交人。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Proposal #{id} submitted for approval</source>
        <translation>提案 #{id} 已提交审批</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Storing the proposal…</source>
        <translation>正在保存提案…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sandbox</source>
        <translation>沙盘模拟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit a working copy of the limits and see the effect at once</source>
        <translation>在限额副本上调整，即时查看影响</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add limit…</source>
        <translation>新增限额…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove limit</source>
        <translation>删除限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-allocate…</source>
        <translation>重新分配…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo all</source>
        <translation>全部撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit for approval…</source>
        <translation>提交审批…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only changes</source>
        <translation>仅显示变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit history</source>
        <translation>调整记录</translation>
    </message>
    <message>
        <location line="-235"/>
        <source>&lt;approved set&gt;</source>
        <translation>&lt;已审批限额&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;snapshot limits&gt;</source>
        <translation>&lt;快照自带限额&gt;</translation>
    </message>
</context>
<context>
    <name>StressPage</name>
    <message>
        <location filename="../../ui/limits/stress.py" line="+215"/>
        <source>Largest groups (N)</source>
        <translation>最大集团数（N）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Industry codes</source>
        <translation>行业代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Region codes</source>
        <translation>地域代码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Asset classes</source>
        <translation>大类资产</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loss given default</source>
        <translation>违约损失率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss rate</source>
        <translation>损失率</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Waiting for the snapshot&apos;s exposures…</source>
        <translation>正在等待快照的风险暴露数据…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Running the stress scenario…</source>
        <translation>正在运行压力情景…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stored with the snapshot (record #{id}): the semiannual report shows it.</source>
        <translation>已随数据快照保存（记录 #{id}），半年度报告将列示该结果。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Storing the stress result…</source>
        <translation>正在保存压力测试结果…</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+57"/>
        <source>Run a scenario to see its result</source>
        <translation>运行情景以查看结果</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Result: {name}</source>
        <translation>结果：{name}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Loss by member ({unit})</source>
        <translation>各成员公司损失（{unit}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Scenarios</source>
        <translation>压力情景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save result</source>
        <translation>保存结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limits whose status changes</source>
        <translation>状态发生变化的限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group loss</source>
        <translation>集团损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group net assets after</source>
        <translation>集团压力后净资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group solvency after</source>
        <translation>集团压力后综合偿付能力充足率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Limits in breach</source>
        <translation>超限限额数（前 → 后）</translation>
    </message>
</context>
</TS>
