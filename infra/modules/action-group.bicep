// The action group for the guard's own alerts, when the deployment does not reuse an existing one.

param prefix string

@description('E-mail addresses notified when the guard itself needs attention.')
param emails array

param tags object = {}

resource group 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${prefix}-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'costguard'
    enabled: true
    emailReceivers: [for (email, i) in emails: {
      name: 'email-${i}'
      emailAddress: email
      useCommonAlertSchema: true
    }]
  }
}

output id string = group.id
