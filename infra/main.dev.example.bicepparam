// Example dev/test parameters: a dry-run guard over one sandbox subscription, no AWS, no termination.
using 'main.bicep'

param environmentName = 'dev'
param location = 'westeurope'
param webhookSettingNames = [
  'SLACK_FINOPS_WEBHOOK'
]
param alertEmails = [
  'platform-team@example.com'
]
param targetSubscriptions = [
  {
    subscriptionId: '00000000-0000-0000-0000-000000000001'
  }
]
