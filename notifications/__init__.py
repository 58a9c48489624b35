"""Push notifications: FCM HTTP v1 messages through firebase-admin, categories and their actions."""
