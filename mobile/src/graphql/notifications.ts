import { graphql } from '../gql';

export const RegisterDeviceMutation = graphql(`
  mutation RegisterDevice($token: String!, $platform: PushPlatform!, $locale: String!, $timezone: String!, $appVersion: String) {
    registerDevice(token: $token, platform: $platform, locale: $locale, timezone: $timezone, appVersion: $appVersion) {
      id
      platform
      locale
    }
  }
`);

export const UnregisterDeviceMutation = graphql(`
  mutation UnregisterDevice($token: String!) {
    unregisterDevice(token: $token)
  }
`);

export const NotificationFieldsFragment = graphql(`
  fragment NotificationFields on Notification {
    id
    category
    title
    body
    deepLink
    createdAt
    read
  }
`);

export const NotificationsInboxQuery = graphql(`
  query NotificationsInbox($first: Int!, $after: String, $unreadOnly: Boolean!) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      edges {
        cursor
        node {
          ...NotificationFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      unreadCount
    }
  }
`);

export const UnreadCountQuery = graphql(`
  query UnreadNotificationCount {
    notifications(first: 1, unreadOnly: true) {
      unreadCount
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

export const NotificationPreferencesQuery = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      categories {
        category
        enabled
        urgent
      }
      quietHoursStart
      quietHoursEnd
      timezone
    }
  }
`);

export const UpdateNotificationPreferencesMutation = graphql(`
  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      categories {
        category
        enabled
        urgent
      }
      quietHoursStart
      quietHoursEnd
      timezone
    }
  }
`);

export const NotificationActionQuery = graphql(`
  query NotificationActionPreview($actionToken: String!) {
    notificationAction(actionToken: $actionToken) {
      kind
      actionId
      notificationId
      expiresAt
      needsStepUp
      summary
      stepUpAction {
        kind
        account
        venue
        symbol
        side
        type
        timeInForce
        qty
        amount
        price
        botId
      }
    }
  }
`);

export const PerformNotificationActionMutation = graphql(`
  mutation PerformNotificationAction($actionToken: String!, $stepUp: StepUpAssertionInput) {
    performNotificationAction(actionToken: $actionToken, stepUp: $stepUp) {
      kind
      message
      deepLink
      orderId
      cancelledOrderIds
    }
  }
`);
