<#
.SYNOPSIS
    Installs a provisioning package, waits for provisioning to finish and collects what Windows reports.

.DESCRIPTION
    PPKG Studio runs this script as the logon command of a Windows Sandbox (see shared/sandbox/wsb.ts); it
    also runs on a real test device (README, "Test a package"). It installs the package the documented way
    (Install-ProvisioningPackage -QuietInstall -ForceInstall), waits until the provisioning engine reports the
    package completed or failed (or the timeout passes), and writes into ResultsPath:
      summary.json                the run: status, times, install outcome, what was collected
      install-output.json         what Install-ProvisioningPackage returned
      provisioning-packages.json  Get-ProvisioningPackage -AllInstalledPackages
      events.xml                  the Provisioning-Diagnostics-Provider Admin log, each event's XML
      windows-files\              the result and log files Windows writes under ProgramData\Microsoft\Provisioning
      commands\                   the output of each diagnostic command run here
    summary.json is written first with status "running" and rewritten at the end, so a run cut short is seen
    as partial, never as complete. Results can hold values from the package (logs name settings): keep the
    folder as private as the package.

.PARAMETER PackagePath
    The .ppkg to install.

.PARAMETER ResultsPath
    Folder to write the results to (created when missing).

.PARAMETER TimeoutMinutes
    How long to wait for provisioning to finish.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $PackagePath,

    [Parameter(Mandatory = $true)]
    [string] $ResultsPath,

    [ValidateRange(1, 240)]
    [int] $TimeoutMinutes = 20
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$LogName = 'Microsoft-Windows-Provisioning-Diagnostics-Provider/Admin'
# Event IDs of that provider: 21 package completed, 22 package failed, 31 turn completed, 32 turn failed.
$FinishedEventIds = @(21, 22, 31, 32)
$SummarySchema = 'ppkg-studio-sandbox-results/1'

New-Item -ItemType Directory -Force -Path $ResultsPath | Out-Null
$started = Get-Date
$summary = [ordered]@{
    schema               = $SummarySchema
    status               = 'running'
    startedAt            = $started.ToUniversalTime().ToString('o')
    finishedAt           = $null
    packageFile          = Split-Path -Leaf $PackagePath
    computerName         = $env:COMPUTERNAME
    osVersion            = [Environment]::OSVersion.VersionString
    install              = [ordered]@{ ok = $false; packageId = $null; error = $null }
    provisioningFinished = $false
    files                = @()
    errors               = @()
}

function Save-Summary {
    $summary | ConvertTo-Json -Depth 6 | Set-Content -Encoding UTF8 -Path (Join-Path $ResultsPath 'summary.json')
}

function Add-RunError([string] $Step, [System.Management.Automation.ErrorRecord] $Record) {
    $summary.errors += [ordered]@{ step = $Step; message = $Record.Exception.Message }
}

Save-Summary

# 1. Install the package the documented way.
try {
    $installed = Install-ProvisioningPackage -PackagePath $PackagePath -QuietInstall -ForceInstall `
        -LogsDirectoryPath (Join-Path $ResultsPath 'install-logs')
    $installed | ConvertTo-Json -Depth 4 | Set-Content -Encoding UTF8 -Path (Join-Path $ResultsPath 'install-output.json')
    $summary.install.ok = $true
    if ($installed -and $installed.PSObject.Properties['PackageId']) { $summary.install.packageId = [string] $installed.PackageId }
}
catch {
    $summary.install.error = $_.Exception.Message
    Add-RunError 'install' $_
}
Save-Summary

# 2. Wait until the provisioning engine reports the package (or its turn) finished, or the timeout passes.
$deadline = $started.AddMinutes($TimeoutMinutes)
while ($summary.install.ok -and (Get-Date) -lt $deadline) {
    $finished = @(Get-WinEvent -LogName $LogName -ErrorAction SilentlyContinue |
            Where-Object { $FinishedEventIds -contains $_.Id -and $_.TimeCreated -ge $started })
    if ($finished.Count -gt 0) {
        $summary.provisioningFinished = $true
        break
    }
    Start-Sleep -Seconds 10
}

# 3. Collect.
try {
    Get-ProvisioningPackage -AllInstalledPackages | ConvertTo-Json -Depth 4 |
        Set-Content -Encoding UTF8 -Path (Join-Path $ResultsPath 'provisioning-packages.json')
    $summary.files += 'provisioning-packages.json'
}
catch { Add-RunError 'Get-ProvisioningPackage' $_ }

try {
    $events = @(Get-WinEvent -LogName $LogName -Oldest -ErrorAction Stop)
    $builder = New-Object System.Text.StringBuilder
    [void] $builder.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
    [void] $builder.AppendLine('<Events>')
    foreach ($logEvent in $events) { [void] $builder.AppendLine($logEvent.ToXml()) }
    [void] $builder.AppendLine('</Events>')
    Set-Content -Encoding UTF8 -Path (Join-Path $ResultsPath 'events.xml') -Value $builder.ToString()
    $summary.files += 'events.xml'
}
catch { Add-RunError 'Get-WinEvent' $_ }

try {
    $windowsFiles = Join-Path $ResultsPath 'windows-files'
    $provisioningFolder = Join-Path $env:ProgramData 'Microsoft\Provisioning'
    if (Test-Path $provisioningFolder) {
        New-Item -ItemType Directory -Force -Path $windowsFiles | Out-Null
        # Result and log files only: never the package copies Windows keeps there.
        Get-ChildItem -Path $provisioningFolder -Recurse -File -Include '*.xml', '*.log', '*.txt' -ErrorAction SilentlyContinue |
            Where-Object { $_.Length -lt 16MB } |
            ForEach-Object {
                $relative = $_.FullName.Substring($provisioningFolder.Length).TrimStart('\').Replace('\', '_')
                Copy-Item -LiteralPath $_.FullName -Destination (Join-Path $windowsFiles $relative)
                $summary.files += "windows-files\$relative"
            }
    }
}
catch { Add-RunError 'windows-files' $_ }

$commands = Join-Path $ResultsPath 'commands'
New-Item -ItemType Directory -Force -Path $commands | Out-Null
$diagnostics = [ordered]@{
    'dsregcmd-status.txt' = { dsregcmd.exe /status }
    'local-users.txt'     = { Get-LocalUser | Format-Table -AutoSize | Out-String -Width 200 }
    'wlan-profiles.txt'   = { netsh.exe wlan show profiles }
    'certificates.txt'    = { Get-ChildItem Cert:\LocalMachine\Root, Cert:\LocalMachine\CA, Cert:\LocalMachine\My | Format-Table Subject, Thumbprint -AutoSize | Out-String -Width 300 }
}
foreach ($name in $diagnostics.Keys) {
    try {
        & $diagnostics[$name] 2>&1 | Out-String -Width 300 | Set-Content -Encoding UTF8 -Path (Join-Path $commands $name)
        $summary.files += "commands\$name"
    }
    catch { Add-RunError $name $_ }
}

$summary.finishedAt = (Get-Date).ToUniversalTime().ToString('o')
if (-not $summary.install.ok) { $summary.status = 'install-failed' }
elseif ($summary.provisioningFinished) { $summary.status = 'complete' }
else { $summary.status = 'timed-out' }
Save-Summary
