// GENERATED from ../notifications/categories.json (the server's notification categories) — do not edit.
// Regenerate: cd mobile && UPDATE_CATEGORIES=1 npx jest __tests__/notifications/categories.test.ts
export const categoriesFile = {
  "locales": [
    "en",
    "es",
    "de",
    "fr",
    "pt_BR",
    "ja",
    "ko",
    "zh_Hans",
    "ru",
    "tr",
    "ar"
  ],
  "categories": [
    {
      "identifier": "PRICE_ALERT",
      "urgent": false,
      "ttlSeconds": 600,
      "actions": [
        {
          "identifier": "BUY_PRESET",
          "kind": "placeOrder",
          "stepUp": true,
          "buttonTitle": {
            "en": "Buy",
            "es": "Comprar",
            "de": "Kaufen",
            "fr": "Acheter",
            "pt_BR": "Comprar",
            "ja": "買う",
            "ko": "매수",
            "zh_Hans": "买入",
            "ru": "Купить",
            "tr": "Al",
            "ar": "شراء"
          },
          "options": {
            "opensAppToForeground": true,
            "isDestructive": false,
            "isAuthenticationRequired": true
          }
        },
        {
          "identifier": "SELL_PRESET",
          "kind": "placeOrder",
          "stepUp": true,
          "buttonTitle": {
            "en": "Sell",
            "es": "Vender",
            "de": "Verkaufen",
            "fr": "Vendre",
            "pt_BR": "Vender",
            "ja": "売る",
            "ko": "매도",
            "zh_Hans": "卖出",
            "ru": "Продать",
            "tr": "Sat",
            "ar": "بيع"
          },
          "options": {
            "opensAppToForeground": true,
            "isDestructive": false,
            "isAuthenticationRequired": true
          }
        },
        {
          "identifier": "SNOOZE_1H",
          "kind": "snooze",
          "stepUp": false,
          "buttonTitle": {
            "en": "Snooze 1 h",
            "es": "Posponer 1 h",
            "de": "1 Std. pausieren",
            "fr": "Reporter d'1 h",
            "pt_BR": "Adiar 1 h",
            "ja": "1時間スヌーズ",
            "ko": "1시간 다시 알림",
            "zh_Hans": "1 小时后提醒",
            "ru": "Отложить на 1 ч",
            "tr": "1 saat ertele",
            "ar": "تأجيل ساعة"
          },
          "options": {
            "opensAppToForeground": false,
            "isDestructive": false,
            "isAuthenticationRequired": false
          }
        }
      ]
    },
    {
      "identifier": "ORDER_FILLED",
      "urgent": false,
      "ttlSeconds": 3600,
      "actions": [
        {
          "identifier": "VIEW",
          "kind": "view",
          "stepUp": false,
          "buttonTitle": {
            "en": "View",
            "es": "Ver",
            "de": "Ansehen",
            "fr": "Voir",
            "pt_BR": "Ver",
            "ja": "表示",
            "ko": "보기",
            "zh_Hans": "查看",
            "ru": "Открыть",
            "tr": "Görüntüle",
            "ar": "عرض"
          },
          "options": {
            "opensAppToForeground": true,
            "isDestructive": false,
            "isAuthenticationRequired": false
          }
        },
        {
          "identifier": "CANCEL_REST",
          "kind": "cancelAllOrders",
          "stepUp": false,
          "buttonTitle": {
            "en": "Cancel the rest",
            "es": "Cancelar el resto",
            "de": "Rest stornieren",
            "fr": "Annuler le reste",
            "pt_BR": "Cancelar o restante",
            "ja": "残りを取り消す",
            "ko": "나머지 취소",
            "zh_Hans": "取消其余订单",
            "ru": "Отменить остальные",
            "tr": "Kalanı iptal et",
            "ar": "إلغاء الباقي"
          },
          "options": {
            "opensAppToForeground": false,
            "isDestructive": true,
            "isAuthenticationRequired": true
          }
        }
      ]
    },
    {
      "identifier": "BOT_ERROR",
      "urgent": false,
      "ttlSeconds": 21600,
      "actions": [
        {
          "identifier": "RESTART",
          "kind": "startBot",
          "stepUp": true,
          "buttonTitle": {
            "en": "Restart",
            "es": "Reiniciar",
            "de": "Neu starten",
            "fr": "Redémarrer",
            "pt_BR": "Reiniciar",
            "ja": "再開",
            "ko": "다시 시작",
            "zh_Hans": "重启",
            "ru": "Перезапустить",
            "tr": "Yeniden başlat",
            "ar": "إعادة التشغيل"
          },
          "options": {
            "opensAppToForeground": true,
            "isDestructive": false,
            "isAuthenticationRequired": true
          }
        },
        {
          "identifier": "STOP",
          "kind": "stopBot",
          "stepUp": true,
          "buttonTitle": {
            "en": "Stop",
            "es": "Detener",
            "de": "Stoppen",
            "fr": "Arrêter",
            "pt_BR": "Parar",
            "ja": "停止",
            "ko": "중지",
            "zh_Hans": "停止",
            "ru": "Остановить",
            "tr": "Durdur",
            "ar": "إيقاف"
          },
          "options": {
            "opensAppToForeground": true,
            "isDestructive": true,
            "isAuthenticationRequired": true
          }
        }
      ]
    },
    {
      "identifier": "BOT_EVENT",
      "urgent": false,
      "ttlSeconds": 21600,
      "actions": [
        {
          "identifier": "VIEW",
          "kind": "view",
          "stepUp": false,
          "buttonTitle": {
            "en": "View",
            "es": "Ver",
            "de": "Ansehen",
            "fr": "Voir",
            "pt_BR": "Ver",
            "ja": "表示",
            "ko": "보기",
            "zh_Hans": "查看",
            "ru": "Открыть",
            "tr": "Görüntüle",
            "ar": "عرض"
          },
          "options": {
            "opensAppToForeground": true,
            "isDestructive": false,
            "isAuthenticationRequired": false
          }
        },
        {
          "identifier": "STOP",
          "kind": "stopBot",
          "stepUp": true,
          "buttonTitle": {
            "en": "Stop",
            "es": "Detener",
            "de": "Stoppen",
            "fr": "Arrêter",
            "pt_BR": "Parar",
            "ja": "停止",
            "ko": "중지",
            "zh_Hans": "停止",
            "ru": "Остановить",
            "tr": "Durdur",
            "ar": "إيقاف"
          },
          "options": {
            "opensAppToForeground": true,
            "isDestructive": true,
            "isAuthenticationRequired": true
          }
        }
      ]
    },
    {
      "identifier": "RISK_LIMIT",
      "urgent": true,
      "ttlSeconds": 3600,
      "actions": [
        {
          "identifier": "KILL_SWITCH",
          "kind": "killSwitch",
          "stepUp": true,
          "buttonTitle": {
            "en": "Kill switch",
            "es": "Parada total",
            "de": "Not-Aus",
            "fr": "Arrêt d'urgence",
            "pt_BR": "Parada de emergência",
            "ja": "緊急停止",
            "ko": "긴급 정지",
            "zh_Hans": "紧急停止",
            "ru": "Аварийная остановка",
            "tr": "Acil durdurma",
            "ar": "إيقاف طارئ"
          },
          "options": {
            "opensAppToForeground": true,
            "isDestructive": true,
            "isAuthenticationRequired": true
          }
        },
        {
          "identifier": "VIEW",
          "kind": "view",
          "stepUp": false,
          "buttonTitle": {
            "en": "View",
            "es": "Ver",
            "de": "Ansehen",
            "fr": "Voir",
            "pt_BR": "Ver",
            "ja": "表示",
            "ko": "보기",
            "zh_Hans": "查看",
            "ru": "Открыть",
            "tr": "Görüntüle",
            "ar": "عرض"
          },
          "options": {
            "opensAppToForeground": true,
            "isDestructive": false,
            "isAuthenticationRequired": false
          }
        }
      ]
    },
    {
      "identifier": "COPY_SKIPPED",
      "urgent": false,
      "ttlSeconds": 3600,
      "actions": [
        {
          "identifier": "VIEW",
          "kind": "view",
          "stepUp": false,
          "buttonTitle": {
            "en": "View",
            "es": "Ver",
            "de": "Ansehen",
            "fr": "Voir",
            "pt_BR": "Ver",
            "ja": "表示",
            "ko": "보기",
            "zh_Hans": "查看",
            "ru": "Открыть",
            "tr": "Görüntüle",
            "ar": "عرض"
          },
          "options": {
            "opensAppToForeground": true,
            "isDestructive": false,
            "isAuthenticationRequired": false
          }
        }
      ]
    }
  ]
} as const;
