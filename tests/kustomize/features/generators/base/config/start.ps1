Write-Host "start"
