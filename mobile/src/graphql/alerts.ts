import { graphql } from '../gql';

export const AlertFieldsFragment = graphql(`
  fragment AlertFields on Alert {
    id
    name
    venue
    symbol
    market {
      metric
      direction
      threshold
      period
    }
    event {
      kind
    }
    mode
    status
    fires
    snoozedUntil
    lastFiredAt
    armedWithStepUp
    action {
      kind
      side
      qty
      price
      percent
      botId
    }
    cooldownSeconds
    expiresAt
    webhookUrl
    createdAt
  }
`);

export const AlertsQuery = graphql(`
  query Alerts {
    alerts {
      ...AlertFields
    }
    exchangeAccounts {
      id
      venue
      label
    }
    bots {
      id
      name
      venue
    }
  }
`);

export const AlertTriggerFieldsFragment = graphql(`
  fragment AlertTriggerFields on AlertTrigger {
    id
    alertId
    name
    symbol
    value
    firedAt
    actionStatus
    actionResult
  }
`);

export const AlertTriggersQuery = graphql(`
  query AlertTriggers($alertId: ID, $first: Int!) {
    alertTriggers(alertId: $alertId, first: $first) {
      edges {
        node {
          ...AlertTriggerFields
        }
      }
    }
  }
`);

export const AlertTriggeredSubscription = graphql(`
  subscription AlertTriggered {
    alertTriggered {
      ...AlertTriggerFields
    }
  }
`);

export const CreateAlertMutation = graphql(`
  mutation CreateAlert($input: CreateAlertInput!, $stepUp: StepUpAssertionInput) {
    createAlert(input: $input, stepUp: $stepUp) {
      ...AlertFields
    }
  }
`);

export const UpdateAlertMutation = graphql(`
  mutation UpdateAlert($id: ID!, $input: UpdateAlertInput!) {
    updateAlert(id: $id, input: $input) {
      ...AlertFields
    }
  }
`);

export const DeleteAlertMutation = graphql(`
  mutation DeleteAlert($id: ID!) {
    deleteAlert(id: $id)
  }
`);

export const SnoozeAlertMutation = graphql(`
  mutation SnoozeAlert($id: ID!, $minutes: Int!) {
    snoozeAlert(id: $id, minutes: $minutes) {
      ...AlertFields
    }
  }
`);
