#!/usr/bin/env pwsh
# One script for people and CI: build, test, and package the uploadable plugin zip.
#   dotnet pwsh build.ps1                 # build + test + package
#   dotnet pwsh build.ps1 -Task package   # just the zip: artifacts/Misc.NopSegments.zip
#   dotnet pwsh build.ps1 -Task nop -NopSource ~/nopCommerce/src   # the nopCommerce plugin, built in that tree, zipped
param(
    [ValidateSet('all', 'build', 'test', 'package', 'nop')]
    [string] $Task = 'all',
    [string] $Configuration = 'Release',
    # A nopCommerce 4.90 source tree's src folder (with Presentation/Nop.Web and Build/ClearPluginAssemblies.proj).
    [string] $NopSource = ''
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Step([string] $Name, [scriptblock] $Step) {
    Write-Host "==> $Name" -ForegroundColor Cyan
    & $Step
    if ($LASTEXITCODE -ne 0) { throw "$Name failed (exit $LASTEXITCODE)" }
}

function Build { Invoke-Step 'build' { dotnet build NopSegments.sln -c $Configuration -tl:off -nologo -v:minimal } }

# The full suite needs PostgreSQL and Chromium; .ci/run installs and starts them, then runs the tests.
function Test { Invoke-Step 'test' { bash .ci/run } }

function Package {
    $manifest = Get-Content plugin-manifest/plugin.json -Raw | ConvertFrom-Json
    $root = Join-Path artifacts $manifest.SystemName
    Remove-Item artifacts -Recurse -Force -ErrorAction SilentlyContinue
    Invoke-Step 'publish module' { dotnet publish src/NopSegments.Web -c $Configuration -o $root -tl:off -nologo -v:minimal }
    Copy-Item plugin-manifest/plugin.json $root
    Copy-Item wwwroot (Join-Path $root 'wwwroot') -Recurse
    Get-ChildItem $root -Filter *.pdb | Remove-Item
    $zip = Join-Path artifacts "$($manifest.SystemName).zip"
    Compress-Archive -Path $root -DestinationPath $zip
    Write-Host "Plugin package: $zip ($([math]::Round((Get-Item $zip).Length / 1MB, 1)) MB, version $($manifest.Version))"
}

# The plugin nopCommerce's Local plugins page takes: built inside the nopCommerce tree (its Nop.Web and
# ClearPluginAssemblies), then zipped with one root folder, Misc.NopSegments/, as nopCommerce's uploader expects.
function Nop {
    if (-not $NopSource -or -not (Test-Path (Join-Path $NopSource 'Presentation/Nop.Web/Nop.Web.csproj'))) {
        Write-Host "Skipping the nopCommerce plugin: no nopCommerce source tree (pass -NopSource PATH/src)."
        return
    }
    $source = (Resolve-Path $NopSource).Path.TrimEnd('/', '\') + '/'
    $root = Join-Path $source 'Presentation/Nop.Web/Plugins/Misc.NopSegments'
    Remove-Item $root -Recurse -Force -ErrorAction SilentlyContinue
    Invoke-Step 'build plugin' { dotnet build src/Nop.Plugin.Misc.NopSegments -c $Configuration "-p:NopSource=$source" -tl:off -nologo -v:minimal }
    New-Item artifacts -ItemType Directory -Force | Out-Null
    $zip = Join-Path artifacts 'Misc.NopSegments.zip'
    Remove-Item $zip -ErrorAction SilentlyContinue
    Get-ChildItem $root -Filter *.pdb | Remove-Item
    Compress-Archive -Path $root -DestinationPath $zip
    Write-Host "nopCommerce plugin: $zip (upload it in Admin > Configuration > Local plugins)"
}

switch ($Task) {
    'build' { Build }
    'test' { Test }
    'package' { Package }
    'nop' { Nop }
    'all' { Build; Test; Package; Nop }
}
