// Azure Bot resource for Guildhall: single-tenant app (or the user-assigned managed identity), Microsoft Teams
// channel, messaging endpoint on the Web App. In Azure Government the resource is created in the Azure
// Government subscription and talks to Teams GCC High / DoD; the server's CLOUD setting (USGov / USGovDoD) selects
// the Bot Framework channel service and token endpoints on the app side (src/server/clouds.ts).

param name string
param tags object

@description('Azure Bot resources are global.')
param location string = 'global'

param displayName string
param endpoint string

@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param msaAppType string
param msaAppId string
param msaAppTenantId string

@description('Resource id of the user-assigned managed identity; used only when msaAppType is UserAssignedMSI.')
param msaAppMSIResourceId string = ''

@allowed([
  'F0'
  'S1'
])
param sku string

@allowed([
  'Public'
  'GCC'
  'USGov'
  'USGovDoD'
])
param cloud string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: location
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: msaAppType
    msaAppId: msaAppId
    msaAppTenantId: msaAppTenantId
    msaAppMSIResourceId: msaAppType == 'UserAssignedMSI' ? msaAppMSIResourceId : null
    publicNetworkAccess: 'Enabled'
  }
}

// GCC (moderate) tenants use the commercial Azure Bot with the GCC Teams deployment environment.
resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: location
  properties: {
    channelName: 'MsTeamsChannel'
    properties: union({ isEnabled: true }, cloud == 'GCC' ? { deploymentEnvironment: 'GCCModerateDeployment' } : {})
  }
}

output id string = bot.id
output name string = bot.name
