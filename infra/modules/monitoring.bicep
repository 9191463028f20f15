// Log Analytics workspace in the agency's own subscription and region. Deployed only when main.bicep's
// enableLogAnalytics is true; nothing else in the template sends telemetry anywhere.

param name string
param location string
param tags object

@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

output id string = workspace.id
