<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConcentrationDrill</name>
    <message>
        <location filename="../../ui/concentration/drilldown.py" line="+73"/>
        <source>Direct holding</source>
        <translation>直接持有</translation>
    </message>
</context>
<context>
    <name>ConcentrationLabels</name>
    <message>
        <location filename="../../ui/concentration/labels.py" line="+29"/>
        <source>Group (consolidated)</source>
        <translation>集团（合并）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group</source>
        <translation>集团</translation>
    </message>
</context>
<context>
    <name>ConcentrationModels</name>
    <message>
        <location filename="../../ui/concentration/drilldown.py" line="+152"/>
        <location line="+61"/>
        <source>Counterparty</source>
        <translation>交易对手</translation>
    </message>
    <message>
        <location filename="../../ui/concentration/arrays.py" line="+189"/>
        <location filename="../../ui/concentration/drilldown.py" line="-60"/>
        <location filename="../../ui/concentration/limits_table.py" line="+42"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/concentration/drilldown.py" line="+1"/>
        <source>Controlled by</source>
        <translation>控制方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <location filename="../../ui/concentration/arrays.py" line="+1"/>
        <location filename="../../ui/concentration/drilldown.py" line="+2"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/concentration/drilldown.py" line="+2"/>
        <source>Share of group</source>
        <translation>占集团比例</translation>
    </message>
    <message>
        <location line="+50"/>
        <location filename="../../ui/concentration/limits_table.py" line="+4"/>
        <source>Exposure</source>
        <translation>敞口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation>成员公司</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Instrument</source>
        <translation>资产（金融工具）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset class</source>
        <translation>大类资产</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/concentration/arrays.py" line="+3"/>
        <location filename="../../ui/concentration/drilldown.py" line="+2"/>
        <source>Counted</source>
        <translation>计入限额</translation>
    </message>
    <message>
        <location filename="../../ui/concentration/drilldown.py" line="+2"/>
        <source>Look-through path</source>
        <translation>穿透路径</translation>
    </message>
    <message>
        <location filename="../../ui/concentration/problems_model.py" line="+27"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/concentration/limits_table.py" line="+3"/>
        <location filename="../../ui/concentration/problems_model.py" line="+0"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key (worst)</source>
        <translation>对象（最高者）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vs previous</source>
        <translation>较上期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Limit value</source>
        <translation>限额值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Utilisation of limit</source>
        <translation>限额占用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys flagged</source>
        <translation>异常对象</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>No earlier snapshot is stored.</source>
        <translation>没有更早的数据快照。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change of the ratio since the snapshot of {as_of}, in percentage points.</source>
        <translation>比例较 {as_of} 数据快照的变化，单位：百分点。</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>{as_of}: {ratio}, {status}</source>
        <translation>{as_of}：{ratio}，{status}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Basis: {basis} {amount}</source>
        <translation>基数：{basis} {amount}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keys in warning or breach:</source>
        <translation>预警或超限的对象：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  … and {n} more</source>
        <translation>  …… 另有 {n} 个</translation>
    </message>
    <message>
        <location filename="../../ui/concentration/arrays.py" line="-5"/>
        <source>Key</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Share of total</source>
        <translation>占比（总额）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cumulative share of total</source>
        <translation>累计占比（总额）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ratio to the limit&apos;s basis</source>
        <translation>占限额基数比例</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Exempt amounts count in the total and the indices, not against the limits.</source>
        <translation>豁免金额计入合计和集中度指数，但不占用限额。</translation>
    </message>
</context>
<context>
    <name>ConcentrationScreen</name>
    <message>
        <location filename="../../ui/concentration/screen.py" line="+246"/>
        <location line="+12"/>
        <location line="+12"/>
        <source>Loading the snapshot…</source>
        <translation>正在加载数据快照…</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The snapshot could not be loaded.</source>
        <translation>无法加载该数据快照。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No snapshot stored yet: import the quarter&apos;s data.</source>
        <translation>尚无数据快照：请导入本季度数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{members} members · {counterparties} counterparties · {exposures} exposures</source>
        <translation>{members} 家成员公司 · {counterparties} 个交易对手 · {exposures} 笔敞口</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The data could not be read: {error}</source>
        <translation>无法读取数据：{error}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No database is open: nothing was stored.</source>
        <translation>未打开数据库：未保存任何内容。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stored the snapshot as of {as_of}. Breach cases opened: {n}.</source>
        <translation>已保存数据日期为 {as_of} 的数据快照。新开超限事项：{n} 件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already open cases seen again: {n}.</source>
        <translation>仍未关闭的已有事项再次出现：{n} 件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Snapshot imported</source>
        <translation>数据快照已导入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was stored: {error}</source>
        <translation>未保存任何内容：{error}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Storing the snapshot…</source>
        <translation>正在保存数据快照…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Collecting the exposures…</source>
        <translation>正在汇集敞口明细…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Group concentration</source>
        <translation>集团集中度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the list of stored snapshots again</source>
        <translation>重新读取已保存的数据快照列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit dashboard</source>
        <translation>限额仪表盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concentration</source>
        <translation>集中度</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/concentration/dashboard.py" line="+265"/>
        <source>All scopes</source>
        <translation>全部范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All dimensions</source>
        <translation>全部维度</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{shown} of {total} limits · double-click a limit to see its keys</source>
        <translation>显示 {shown} / {total} 项限额 · 双击限额查看对象明细</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{limit}: member limits allocated {allocated} exceed the group limit of {available} (members&apos; limits: {children})</source>
        <translation>{limit}：分配给成员公司的限额合计 {allocated}，超过集团限额 {available}（成员限额：{children}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None: every member sub-limit fits inside its group limit.</source>
        <translation>无：各成员公司子限额均在集团限额之内。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>limit set {id}, version {version}</source>
        <translation>限额集 {id} 第 {version} 版</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>limits of the data</source>
        <translation>数据自带限额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{group} · data as of {as_of} · {n} limits ({limits})</source>
        <translation>{group} · 数据日期 {as_of} · 共 {n} 项限额（{limits}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No snapshot loaded. Import the quarter&apos;s data first.</source>
        <translation>未加载数据快照。请先导入本季度数据。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Breaches</source>
        <translation>超限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Within limits</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot be measured</source>
        <translation>无法计量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click to show only these limits; click again to show all.</source>
        <translation>单击只显示这些限额；再次单击显示全部。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allocation issues</source>
        <translation>分配问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dimension:</source>
        <translation>维度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allocation of group limits to members</source>
        <translation>集团限额向成员公司的分级传导</translation>
    </message>
</context>
<context>
    <name>DimensionPage</name>
    <message>
        <location filename="../../ui/concentration/dimension_view.py" line="+291"/>
        <source>Limit {limit}: {n} key(s) in warning or breach are highlighted.</source>
        <translation>限额 {limit}：已突出显示 {n} 个预警或超限对象。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Table and chart: ranked by what counts against the limit (“Counted”), exempt amounts last. Shares and indices: total amounts, exempt exposures included.</source>
        <translation>表格和图表按计入限额的金额排序（“计入限额”列），豁免金额排在最后；占比和各项指标按总额计算（含豁免暴露）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Nothing to show</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Top 10 by total · {dimension} ({unit})</source>
        <translation>总额前十 · {dimension}（{unit}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top 10 counted against the limits · {dimension} ({unit})</source>
        <translation>计入限额前十 · {dimension}（{unit}）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Dimension:</source>
        <translation>维度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HHI</source>
        <translation>HHI 指数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top 1 share</source>
        <translation>第一大占比</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top 5 share</source>
        <translation>前五大占比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top 10 share</source>
        <translation>前十大占比</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gini</source>
        <translation>基尼系数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shannon entropy</source>
        <translation>香农熵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys</source>
        <translation>对象数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Shares, indices, the chart and the order of the table: total amounts, exempt exposures included. “Counted”: what counts against the limits.</source>
        <translation>占比、各项指标、图表及表格排序均按总额计算（含豁免暴露）；“计入限额”列为计入限额的金额。</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Herfindahl-Hirschman index: the sum of squared shares (0-1). Exempt exposures are included in every index.</source>
        <translation>赫芬达尔-赫希曼指数：各对象占比的平方和（0-1）。所有指数均包含豁免敞口。</translation>
    </message>
</context>
<context>
    <name>DrillDownPanel</name>
    <message>
        <location filename="../../ui/concentration/drilldown.py" line="-98"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{n} counterparties · {total}</source>
        <translation>{n} 个交易对手 · {total}</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No (exempt)</source>
        <translation>否（豁免）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Premium and ceded amounts have no exposure rows to show.</source>
        <translation>保费与分出数据没有可下钻的敞口明细。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>largest {shown} of {n} exposures · {total}</source>
        <translation>{n} 笔敞口中最大的 {shown} 笔 · {total}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} exposures · {total}</source>
        <translation>{n} 笔敞口 · {total}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Select a row above to see what it is made of.</source>
        <translation>在上方表格中选择一行，查看其构成。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exposures</source>
        <translation>敞口明细</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Drill-down</source>
        <translation>穿透下钻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All exposures of the group</source>
        <translation>该集团全部敞口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show {n} more</source>
        <translation>再显示 {n} 笔</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../ui/concentration/import_page.py" line="+287"/>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the workbook</source>
        <translation>选择工作簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Save the import template</source>
        <translation>保存导入模板</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Template saved: {path}. Fill in one sheet per data file, then choose the workbook here to check it.</source>
        <translation>模板已保存：{path}。每个数据文件填写一个工作表，然后在此选择该工作簿进行校验。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The template could not be saved to {path}: {reason}</source>
        <translation>无法将模板保存到 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading and checking {name}…</source>
        <translation>正在读取并校验 {name}…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>header row:</source>
        <translation>表头所在行：</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Please confirm before storing:</source>
        <translation>存储前请确认：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Store anyway</source>
        <translation>仍然存储</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing was stored.</source>
        <translation>未存储任何数据。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Storing the snapshot…</source>
        <translation>正在保存数据快照…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>A snapshot as of {as_of} is already stored (snapshot {id}, imported {when} by {who}). Reports of the period will use the newer one; withdraw the old one in History if it was a mistake.</source>
        <translation>截至 {as_of} 的数据快照已存储（快照 {id}，{who} 于 {when} 导入）。该期间的报告将使用较新的快照；如旧快照系误导入，请在“历史”中撤回。</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+62"/>
        <source>No evaluation yet.</source>
        <translation>尚未计算。</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>{errors} error(s), {warnings} warning(s): nothing can be imported until the errors are corrected.</source>
        <translation>{errors} 个错误，{warnings} 个警告：改正错误之前不能导入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No errors, {warnings} warning(s): please read them, then import.</source>
        <translation>没有错误，{warnings} 个警告：请阅读后再导入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No problems found: ready to import.</source>
        <translation>未发现问题：可以导入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems ({n})</source>
        <translation>问题（{n}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The limits are evaluated once the data has no errors.</source>
        <translation>数据没有错误后才会计算限额。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the approved limit set {id}, version {version}</source>
        <translation>已批准的限额集 {id} 第 {version} 版</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the limits in the data (no approved limit set yet)</source>
        <translation>数据自带限额（尚无已批准的限额集）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If imported: {breach} breach(es), {warning} warning(s), {ok} within limits, under {limits}.</source>
        <translation>如导入：超限 {breach} 项，预警 {warning} 项，正常 {ok} 项（依据{limits}）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Import the quarter&apos;s group data: a folder of CSV files or one .xlsx workbook. Nothing is stored until you press Import after the check.</source>
        <translation>导入本季度集团数据：一个 CSV 文件夹或一个 .xlsx 工作簿。校验之后按“导入数据快照”才会保存。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop a data folder or an .xlsx workbook here</source>
        <translation>将数据文件夹或 .xlsx 工作簿拖放到这里</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose workbook…</source>
        <translation>选择工作簿…</translation>
    </message>
    <message>
        <location line="-167"/>
        <location line="+171"/>
        <source>Import snapshot</source>
        <translation>导入数据快照</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Download template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save an .xlsx template with every sheet, the accepted Chinese and English headers, and instructions (units, dates, codes)</source>
        <translation>保存一个 .xlsx 模板：包含全部工作表、可用的中英文表头和填写说明（单位、日期、代码）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data read</source>
        <translation>读取的数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group</source>
        <translation>集团</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>As of</source>
        <translation>数据日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Members</source>
        <translation>成员公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counterparties</source>
        <translation>交易对手</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exposures</source>
        <translation>敞口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limits</source>
        <translation>限额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Business rows</source>
        <translation>业务数据行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the list</source>
        <translation>复制问题清单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header rows</source>
        <translation>表头行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The header of these files was not found in their first rows (a long title above it?). Check on which row each header is, in the file, and read them again with those rows.</source>
        <translation>以下文件的前几行中找不到表头（上方是否有较长的标题或说明？）。请在文件中查看表头在第几行，填写后按所选表头行重新读取。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read again with these header rows</source>
        <translation>按所选表头行重新读取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Evaluation preview</source>
        <translation>限额计算预览</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No data checked yet.</source>
        <translation>尚未校验任何数据。</translation>
    </message>
</context>
</TS>
