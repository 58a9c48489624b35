// React Native Firebase serves one purpose here: the iOS FCM registration token
// (src/notifications/fcmToken.ios.ts). Android gets its FCM token from expo-notifications, and
// linking @react-native-firebase/messaging there would add a second FCM service that outranks
// expo-notifications' and takes the data messages (buttons, background task, widget refreshes)
// away from it. So both packages are linked on iOS only.
module.exports = {
  dependencies: {
    '@react-native-firebase/app': { platforms: { android: null } },
    '@react-native-firebase/messaging': { platforms: { android: null } },
  },
};
