/*
 * The console's words in English and Russian, and Russian for the form builder's validation messages (the ones it
 * lacks fall back to English). Keys are the console's own; {0} is filled in.
 */
'use strict';
window.CONSOLE_TEXT = {
  en: {
    signIn: 'Sign in', user: 'User', password: 'Password', signOut: 'Sign out', wrongCredentials: 'Wrong user name or password.',
    signInHint: 'Use your API user of this node (node users add).', language: 'RU',
    home: 'Home', compose: 'Compose', sent: 'Sent', inbox: 'Inbox', alerts: 'Active alerts', picture: 'Regional picture',
    firstSightings: 'First sightings', controlGaps: 'Control gaps', warnings: 'Pre-arrival warnings', audit: 'Audit log',
    quarantine: 'Quarantine', links: 'Links and health', directory: 'Member directory',
    notForRole: 'This page is not for your role ({0}).', welcome: 'Signed in as {0} on {1}.',
    kind: 'Kind', recipients: 'Recipients', handling: 'Handling (TLP)', expiresAt: 'Expires at (UTC)', languageOfText: 'Language of the text',
    pasteJson: 'Paste a document (JSON)', loadIntoForm: 'Load into form', send: 'Send', sentOk: 'Sent: {0}',
    fixErrors: 'The node refused the message: fix the fields marked below.', formInvalid: 'Some fields are not valid yet: see the messages beside them.',
    badJson: 'That is not JSON: {0}', created: 'Created', message: 'Message', status: 'Status', received: 'Received',
    sender: 'Sender', since: 'Since', filter: 'Filter', any: 'any', document: 'Document', recipient: 'Recipient', hop: 'Next hop',
    reason: 'Reason', updated: 'Updated', outcomes: 'Outcomes', none: 'None.', groupBy: 'Group by', notices: 'Notices',
    total: 'Total', csv: 'Download CSV', acknowledge: 'Acknowledge', acknowledged: 'Acknowledged {0}', answer: 'Answer with an outcome report',
    target: 'Crossing point', arrival: 'Expected arrival', risk: 'Risk', verify: 'Verification', release: 'Release', remove: 'Delete',
    peer: 'Peer', state: 'State', outboxDepth: 'Waiting', lastSuccess: 'Last success', certificates: 'Certificates', expiry: 'Expiry',
    version: 'Version', nextUpdate: 'Next update', members: 'Members', endpoint: 'Endpoint', inRegion: 'In REGIONAL',
    serverSays: 'The node says', loading: 'Loading…', failed: 'The node answered {0}: {1}', substance: 'Substance', outcome: 'Outcome',
    crl: 'CRL', broker: 'Broker', database: 'Database', queueDepths: 'Queues', substanceCol: 'Substance', done: 'Done: {0}'
  },
  ru: {
    signIn: 'Войти', user: 'Пользователь', password: 'Пароль', signOut: 'Выйти', wrongCredentials: 'Неверное имя пользователя или пароль.',
    signInHint: 'Используйте учётную запись API этого узла (node users add).', language: 'EN',
    home: 'Главная', compose: 'Новое сообщение', sent: 'Отправленные', inbox: 'Входящие', alerts: 'Действующие оповещения',
    picture: 'Региональная картина', firstSightings: 'Первые выявления', controlGaps: 'Пробелы в контроле',
    warnings: 'Предварительные уведомления', audit: 'Журнал аудита', quarantine: 'Карантин', links: 'Связи и состояние',
    directory: 'Справочник участников', notForRole: 'Эта страница недоступна для вашей роли ({0}).',
    welcome: 'Вы вошли как {0} на узле {1}.', kind: 'Вид документа', recipients: 'Получатели', handling: 'Обработка (TLP)',
    expiresAt: 'Действует до (UTC)', languageOfText: 'Язык текста', pasteJson: 'Вставить документ (JSON)',
    loadIntoForm: 'Заполнить форму', send: 'Отправить', sentOk: 'Отправлено: {0}',
    fixErrors: 'Узел отклонил сообщение: исправьте отмеченные поля.', formInvalid: 'Некоторые поля заполнены неверно: см. сообщения рядом с ними.',
    badJson: 'Это не JSON: {0}', created: 'Создано', message: 'Сообщение', status: 'Состояние', received: 'Получено',
    sender: 'Отправитель', since: 'С', filter: 'Показать', any: 'любой', document: 'Документ', recipient: 'Получатель',
    hop: 'Следующий узел', reason: 'Причина', updated: 'Обновлено', outcomes: 'Результаты', none: 'Нет.', groupBy: 'Группировать по',
    notices: 'Уведомления', total: 'Всего', csv: 'Скачать CSV', acknowledge: 'Подтвердить получение', acknowledged: 'Получение подтверждено {0}',
    answer: 'Ответить отчётом о результатах', target: 'Пункт пропуска', arrival: 'Ожидаемое прибытие', risk: 'Риск',
    verify: 'Проверка', release: 'Выпустить', remove: 'Удалить', peer: 'Узел', state: 'Состояние', outboxDepth: 'В очереди',
    lastSuccess: 'Последний успех', certificates: 'Сертификаты', expiry: 'Срок', version: 'Версия', nextUpdate: 'Следующее обновление',
    members: 'Участники', endpoint: 'Адрес', inRegion: 'В REGIONAL', serverSays: 'Узел сообщает', loading: 'Загрузка…',
    failed: 'Узел ответил {0}: {1}', substance: 'Вещество', outcome: 'Итог', crl: 'СОС', broker: 'Брокер', database: 'База данных',
    queueDepths: 'Очереди', substanceCol: 'Вещество', done: 'Выполнено: {0}'
  }
};

/* Russian for the form builder's own checks, shown beside each field as it is filled in. */
window.CONSOLE_FORM_RU = {
  error_notset: 'Поле должно быть заполнено',
  error_notempty: 'Требуется значение',
  error_enum: 'Значение должно быть одним из допустимых',
  error_const: 'Значение должно быть равно заданному',
  error_anyOf: 'Значение должно соответствовать хотя бы одной из схем',
  error_oneOf: 'Значение должно соответствовать ровно одной из схем (сейчас: {{0}})',
  error_not: 'Значение не должно соответствовать схеме',
  error_type: 'Значение должно быть типа {{0}}',
  error_multipleOf: 'Значение должно быть кратно {{0}}',
  error_maximum_incl: 'Значение должно быть не больше {{0}}',
  error_maximum_excl: 'Значение должно быть меньше {{0}}',
  error_minimum_incl: 'Значение должно быть не меньше {{0}}',
  error_minimum_excl: 'Значение должно быть больше {{0}}',
  error_maxLength: 'Не более {{0}} символов',
  error_minLength: 'Не менее {{0}} символов',
  error_pattern: 'Значение должно соответствовать шаблону {{0}}',
  error_maxItems: 'Не более {{0}} элементов',
  error_minItems: 'Не менее {{0}} элементов',
  error_uniqueItems: 'Элементы должны быть уникальными',
  error_required: "Не заполнено обязательное поле '{{0}}'",
  error_additional_properties: 'Лишнее поле {{0}} не допускается',
  error_date: 'Дата должна быть в формате {{0}}',
  error_datetime_local: 'Дата и время должны быть в формате {{0}}',
  button_add_row_title: 'Добавить {{0}}',
  button_delete_row_title: 'Удалить {{0}}',
  button_collapse: 'Свернуть',
  button_expand: 'Развернуть',
  button_edit_json: 'JSON',
  button_save: 'Сохранить',
  button_cancel: 'Отмена',
  button_delete_all: 'Удалить все',
  button_object_properties: 'Поля'
};
