// Azure Database for PostgreSQL flexible server, version 16, private access only: it lives in a delegated
// subnet and resolves through a private DNS zone linked to the VNet. Microsoft Entra authentication is enabled
// alongside password authentication. Two roles (docs/operations.md, "Database roles"): an owner that migrates
// (the owner identity as Entra administrator, or the password administrator) and the app's own role, which
// owns nothing.

param name string
param location string
param tags object
param tenantId string
param delegatedSubnetId string
param privateDnsZoneId string
param databaseName string
param adminLogin string

@secure()
@description('Sent only when not empty: on first creation and when rotating. An existing server keeps its password otherwise.')
param adminPassword string = ''

param skuName string
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string
param storageSizeGB int
@minValue(7)
@maxValue(35)
param backupRetentionDays int
param geoRedundantBackup bool
@allowed([
  'Disabled'
  'SameZone'
  'ZoneRedundant'
])
param highAvailability string

@description('Optional Entra administrator (a group is best): { objectId, principalName, principalType: "Group" | "User" | "ServicePrincipal" }.')
param entraAdmin object = {}

@description('The database owner\'s user-assigned identity as an Entra administrator: it runs migrations, owns the schema and creates the app\'s own (non-administrator) role: { objectId, principalName }; empty for password auth.')
param ownerIdentity object = {}

@description('Log Analytics workspace for server logs; empty keeps logs off.')
param logAnalyticsWorkspaceId string = ''

var baseProperties = {
  version: '16'
  administratorLogin: adminLogin
  authConfig: {
    activeDirectoryAuth: 'Enabled'
    passwordAuth: 'Enabled'
    tenantId: tenantId
  }
  storage: {
    storageSizeGB: storageSizeGB
    autoGrow: 'Enabled'
  }
  backup: {
    backupRetentionDays: backupRetentionDays
    geoRedundantBackup: geoRedundantBackup ? 'Enabled' : 'Disabled'
  }
  highAvailability: {
    mode: highAvailability
  }
  network: {
    delegatedSubnetResourceId: delegatedSubnetId
    privateDnsZoneArmResourceId: privateDnsZoneId
    publicNetworkAccess: 'Disabled'
  }
}

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: union(baseProperties, empty(adminPassword) ? {} : { administratorLoginPassword: adminPassword })
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

resource administrator 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = if (!empty(entraAdmin)) {
  parent: server
  name: entraAdmin.?objectId ?? 'none'
  properties: {
    principalName: entraAdmin.?principalName ?? ''
    principalType: entraAdmin.?principalType ?? 'Group'
    tenantId: tenantId
  }
  dependsOn: [
    database
  ]
}

resource ownerAdministrator 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = if (!empty(ownerIdentity)) {
  parent: server
  name: ownerIdentity.?objectId ?? 'none'
  properties: {
    principalName: ownerIdentity.?principalName ?? ''
    principalType: 'ServicePrincipal'
    tenantId: tenantId
  }
  dependsOn: [
    database
    administrator
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(logAnalyticsWorkspaceId)) {
  name: 'to-log-analytics'
  scope: server
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'PostgreSQLLogs'
        enabled: true
      }
    ]
  }
}

output id string = server.id
output name string = server.name
output fqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
