// VM writes (create, update, resize, start) delivered to the guard's launch-events queue. Only successful
// ARM writes/starts of virtual machines pass the filter; everything else in the subscription stays out.

param topicName string

@description('Resource id of the guard\'s storage account.')
param storageAccountId string

@description('Launch-events queue (agreed name costguard-events).')
param queueName string = 'costguard-events'

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: topicName
}

resource vmWrites 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: topic
  name: 'costguard-vm-writes'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Resources.ResourceWriteSuccess'
        'Microsoft.Resources.ResourceActionSuccess'
      ]
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.operationName'
          values: [
            'Microsoft.Compute/virtualMachines/write'
            'Microsoft.Compute/virtualMachines/start/action'
          ]
        }
      ]
    }
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: storageAccountId
          queueName: queueName
          // A launch event older than a day is stale: the timer sweep has long seen the VM by then.
          queueMessageTimeToLiveInSeconds: 86400
        }
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
