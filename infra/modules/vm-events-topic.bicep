// The subscription's Event Grid system topic (ARM events of the whole subscription). Its identity delivers
// to the guard's queue, so the storage account needs no key and no public write access.

param name string

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  location: 'global'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: subscription().id
    topicType: 'Microsoft.Resources.Subscriptions'
  }
}

output name string = topic.name
output principalId string = topic.identity.principalId
