#!/usr/bin/env pwsh
# One script for people and CI: build, test, and package the uploadable plugin zip.
#   dotnet pwsh build.ps1                 # build + test + package
#   dotnet pwsh build.ps1 -Task package   # just the zip: artifacts/Misc.NopSegments.zip
param(
    [ValidateSet('all', 'build', 'test', 'package')]
    [string] $Task = 'all',
    [string] $Configuration = 'Release'
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

switch ($Task) {
    'build' { Build }
    'test' { Test }
    'package' { Package }
    'all' { Build; Test; Package }
}
