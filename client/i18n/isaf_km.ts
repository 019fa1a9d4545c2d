<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="km" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About ISAF Desk</source>
        <translation>អំពី ISAF Desk</translation>
    </message>
    <message>
        <source>ISAF Desk</source>
        <translation>ISAF Desk</translation>
    </message>
    <message>
        <source>Offline data entry for the Implementation of the Social Accountability Framework (ISAF): commune, health center and school performance, community scorecards and JAAP.</source>
        <translation type="vanished">កម្មវិធីបញ្ចូលទិន្នន័យក្រៅបណ្ដាញ សម្រាប់ក្របខណ្ឌអនុវត្តគណនេយ្យភាពសង្គម (ISAF)៖ លទ្ធផលការងាររបស់ឃុំ/សង្កាត់ មណ្ឌលសុខភាព និងសាលារៀន កាតពិន្ទុសហគមន៍ និងផែនការសកម្មភាពរួម (JAAP)។</translation>
    </message>
    <message>
        <source>Offline data entry for the Implementation of the Social Accountability Framework (ISAF): the yearly performance forms of communes, health centers and primary schools, their review and approval, I4C posters and blank forms to print, and the national Excel report.</source>
        <translation>កម្មវិធីបញ្ចូលទិន្នន័យក្រៅបណ្ដាញ សម្រាប់ក្របខណ្ឌអនុវត្តគណនេយ្យភាពសង្គម (ISAF)៖ ទម្រង់លទ្ធផលការងារប្រចាំឆ្នាំរបស់ឃុំ/សង្កាត់ មណ្ឌលសុខភាព និងសាលាបឋមសិក្សា ការពិនិត្យ និងការអនុម័តទម្រង់ទាំងនោះ ផ្ទាំងព័ត៌មាន I4C និងទម្រង់ទទេសម្រាប់បោះពុម្ព និងរបាយការណ៍ជាតិជា Excel។</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>កំណែ</translation>
    </message>
    <message>
        <source>not installed (running from files)</source>
        <translation>មិនទាន់បានដំឡើង (កំពុងដំណើរការពីឯកសារ)</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>PySide</source>
        <translation>PySide</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>ថតទិន្នន័យ</translation>
    </message>
    <message>
        <source>Your local database</source>
        <translation>មូលដ្ឋានទិន្នន័យរបស់អ្នក នៅលើកុំព្យូទ័រនេះ</translation>
    </message>
    <message>
        <source>nobody is signed in</source>
        <translation>មិនទាន់មាននរណាចូលប្រើទេ</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>ឯកសារកំណត់ហេតុ</translation>
    </message>
    <message>
        <source>Copy these details</source>
        <translation>ចម្លងព័ត៌មានទាំងនេះ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <source>Print a batch</source>
        <translation>បោះពុម្ពជាបាច់</translation>
    </message>
    <message>
        <source>District or commune:</source>
        <translation>ស្រុក ឬឃុំ៖</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>ឆ្នាំ៖</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>ឯកសារ៖</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>ឯកសារ (File)៖</translation>
    </message>
    <message>
        <source>I4C posters</source>
        <translation>ផ្ទាំងព័ត៌មាន I4C</translation>
    </message>
    <message>
        <source>Blank forms</source>
        <translation>ទម្រង់ទទេ</translation>
    </message>
    <message>
        <source>All in one PDF file</source>
        <translation>ទាំងអស់ក្នុងឯកសារ PDF តែមួយ</translation>
    </message>
    <message>
        <source>One PDF file per unit, in a folder</source>
        <translation>ឯកសារ PDF មួយសម្រាប់អង្គភាពនីមួយៗ ក្នុងថតមួយ</translation>
    </message>
    <message>
        <source>Choose where to save…</source>
        <translation>ជ្រើសរើសកន្លែងរក្សាទុក…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <source>Unlock with a reason</source>
        <translation>ដោះសោដោយមានមូលហេតុ</translation>
    </message>
    <message>
        <source>Why must this approved form be changed? The reason is kept in the form&apos;s history and shown to the unit.</source>
        <translation>ហេតុអ្វីបានជាត្រូវកែប្រែទម្រង់ដែលបានអនុម័តនេះ? មូលហេតុត្រូវបានរក្សាទុកក្នុងប្រវត្តិនៃទម្រង់ ហើយបង្ហាញដល់អង្គភាព។</translation>
    </message>
    <message>
        <source>Unlock the form</source>
        <translation>ដោះសោទម្រង់</translation>
    </message>
    <message>
        <source>Return with a comment</source>
        <translation>ប្រគល់ត្រឡប់វិញ ដោយមានមតិយោបល់</translation>
    </message>
    <message>
        <source>What must the unit check or correct? Your comment goes back with the form.</source>
        <translation>តើអង្គភាពត្រូវពិនិត្យ ឬកែតម្រូវអ្វីខ្លះ? មតិយោបល់របស់អ្នក នឹងត្រឡប់ទៅជាមួយទម្រង់។</translation>
    </message>
    <message>
        <source>Return the form</source>
        <translation>ប្រគល់ទម្រង់ត្រឡប់វិញ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <source>A comment is needed: the unit must know why.</source>
        <translation>ត្រូវការមតិយោបល់៖ អង្គភាពត្រូវដឹងពីមូលហេតុ។</translation>
    </message>
    <message>
        <source>A reason is needed: every unlock is audited.</source>
        <translation>ត្រូវការមូលហេតុ៖ ការដោះសោគ្រប់លើកត្រូវបានកត់ត្រាទុកសម្រាប់សវនកម្ម។</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>ទិន្នន័យផ្ទុយគ្នា</translation>
    </message>
    <message>
        <source>Two people changed the same figure while offline. Choose the value to keep, or type the right one. The choice is sent at the next sync.</source>
        <translation type="vanished">មនុស្សពីរនាក់បានកែតួលេខតែមួយ ពេលធ្វើការក្រៅបណ្ដាញ។ សូមជ្រើសរើសតម្លៃដែលត្រូវរក្សាទុក ឬវាយតម្លៃដែលត្រឹមត្រូវ។ ការជ្រើសរើសនេះនឹងត្រូវផ្ញើ ពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <source>Two people changed the same figure while offline. The form keeps one value for now and sets the other aside. Choose the value to keep, or type the right one. The choice is sent at the next sync.</source>
        <translation>មនុស្សពីរនាក់បានកែតួលេខតែមួយ ពេលធ្វើការក្រៅបណ្ដាញ។ ទម្រង់រក្សាតម្លៃមួយសិន ហើយទុកតម្លៃមួយទៀតដាច់ដោយឡែក។ សូមជ្រើសរើសតម្លៃដែលត្រូវរក្សាទុក ឬវាយតម្លៃដែលត្រឹមត្រូវ។ ការជ្រើសរើសនេះនឹងត្រូវផ្ញើ ពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>ទម្រង់</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>តួលេខ</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>តម្លៃដើម</translation>
    </message>
    <message>
        <source>On the form now</source>
        <translation>តម្លៃក្នុងទម្រង់ឥឡូវនេះ</translation>
    </message>
    <message>
        <source>Set aside</source>
        <translation>តម្លៃដែលទុកដាច់ដោយឡែក</translation>
    </message>
    <message>
        <source>State</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>បាទ/ចាស</translation>
    </message>
    <message>
        <source>No</source>
        <translation>ទេ</translation>
    </message>
    <message>
        <source>you</source>
        <translation>អ្នក</translation>
    </message>
    <message>
        <source>another person</source>
        <translation>អ្នកផ្សេង</translation>
    </message>
    <message>
        <source>Waiting for your choice</source>
        <translation>រង់ចាំការជ្រើសរើសរបស់អ្នក</translation>
    </message>
    <message>
        <source>Waiting for the district officer</source>
        <translation>រង់ចាំមន្ត្រីស្រុក</translation>
    </message>
    <message>
        <source>You proposed {0}: the district officer decides</source>
        <translation>អ្នកបានស្នើ {0}៖ មន្ត្រីស្រុកជាអ្នកសម្រេច</translation>
    </message>
    <message>
        <source>Your proposal of {0} was refused: see Held changes</source>
        <translation>សំណើ {0} របស់អ្នកត្រូវបានបដិសេធ៖ សូមមើល «ការផ្លាស់ប្ដូរដែលបានរក្សាទុក»</translation>
    </message>
    <message>
        <source>Your choice of {0} was applied</source>
        <translation>ការជ្រើសរើស {0} របស់អ្នកត្រូវបានអនុវត្ត</translation>
    </message>
    <message>
        <source>You propose {0}: it is sent at the next sync</source>
        <translation>អ្នកស្នើ {0}៖ នឹងត្រូវផ្ញើ ពេលធ្វើសមកាលកម្មលើកក្រោយ</translation>
    </message>
    <message>
        <source>Your choice of {0} is sent at the next sync</source>
        <translation>ការជ្រើសរើស {0} របស់អ្នក នឹងត្រូវផ្ញើ ពេលធ្វើសមកាលកម្មលើកក្រោយ</translation>
    </message>
    <message>
        <source>The district officer decides conflicts. You may propose the right value: it is sent at the next sync and waits for them.</source>
        <translation>មន្ត្រីស្រុកជាអ្នកសម្រេចលើទិន្នន័យផ្ទុយគ្នា។ អ្នកអាចស្នើតម្លៃដែលត្រឹមត្រូវ៖ សំណើនឹងត្រូវផ្ញើ ពេលធ្វើសមកាលកម្មលើកក្រោយ ហើយរង់ចាំការសម្រេចរបស់មន្ត្រីស្រុក។</translation>
    </message>
    <message>
        <source>The district officer decides conflicts; they are shown here so you know.</source>
        <translation>មន្ត្រីស្រុកជាអ្នកសម្រេចលើទិន្នន័យផ្ទុយគ្នា។ វាបង្ហាញនៅទីនេះ ដើម្បីឱ្យអ្នកដឹង។</translation>
    </message>
    <message>
        <source>Propose the other value</source>
        <translation>ស្នើតម្លៃរបស់អ្នកផ្សេង</translation>
    </message>
    <message>
        <source>Your proposal goes to the district officer at the next sync: they decide. The figure keeps its value until then.</source>
        <translation>សំណើរបស់អ្នកនឹងទៅដល់មន្ត្រីស្រុក ពេលធ្វើសមកាលកម្មលើកក្រោយ៖ មន្ត្រីស្រុកជាអ្នកសម្រេច។ តួលេខនៅតែរក្សាតម្លៃបច្ចុប្បន្ន រហូតដល់ពេលនោះ។</translation>
    </message>
    <message>
        <source>Only the district officer decides conflicts.</source>
        <translation>មានតែមន្ត្រីស្រុកទេ ដែលសម្រេចលើទិន្នន័យផ្ទុយគ្នា។</translation>
    </message>
    <message>
        <source>Your choice is sent at the next sync and settles the conflict for everyone.</source>
        <translation>ការជ្រើសរើសរបស់អ្នកនឹងត្រូវផ្ញើ ពេលធ្វើសមកាលកម្មលើកក្រោយ ហើយដោះស្រាយទិន្នន័យផ្ទុយគ្នានេះសម្រាប់អ្នកទាំងអស់គ្នា។</translation>
    </message>
    <message>
        <source>Proposal of {0} kept: it is sent to the district officer at the next sync.</source>
        <translation>បានរក្សាទុកសំណើ {0}៖ វានឹងត្រូវផ្ញើទៅមន្ត្រីស្រុក ពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <source>{0} kept: it is sent at the next sync.</source>
        <translation>បានរក្សាទុក {0}៖ វានឹងត្រូវផ្ញើ ពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <source>This conflict was settled meanwhile: the list is read again.</source>
        <translation>ទិន្នន័យផ្ទុយគ្នានេះត្រូវបានដោះស្រាយរួចហើយ ក្នុងពេលនេះ៖ បញ្ជីនឹងត្រូវអានឡើងវិញ។</translation>
    </message>
    <message>
        <source>The choice could not be kept on this computer. Nothing changed; try again.</source>
        <translation>មិនអាចរក្សាទុកការជ្រើសរើសនៅលើកុំព្យូទ័រនេះបានទេ។ គ្មានអ្វីផ្លាស់ប្ដូរទេ សូមព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>Type the right value first.</source>
        <translation>សូមវាយតម្លៃដែលត្រឹមត្រូវជាមុនសិន។</translation>
    </message>
    <message>
        <source>Not kept: {0}</source>
        <translation>មិនបានរក្សាទុក៖ {0}</translation>
    </message>
    <message>
        <source>Other person&apos;s value</source>
        <translation type="vanished">តម្លៃរបស់អ្នកផ្សេង</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation type="vanished">តម្លៃរបស់អ្នក</translation>
    </message>
    <message>
        <source>Keep the other value</source>
        <translation>រក្សាតម្លៃរបស់អ្នកផ្សេង</translation>
    </message>
    <message>
        <source>Keep my value</source>
        <translation>រក្សាតម្លៃរបស់ខ្ញុំ</translation>
    </message>
    <message>
        <source>Propose my value</source>
        <translation>ស្នើតម្លៃរបស់ខ្ញុំ</translation>
    </message>
    <message>
        <source>Propose the value on the form</source>
        <translation>ស្នើតម្លៃដែលមានក្នុងទម្រង់</translation>
    </message>
    <message>
        <source>Keep the value on the form</source>
        <translation>រក្សាតម្លៃដែលមានក្នុងទម្រង់</translation>
    </message>
    <message>
        <source>Propose the value set aside</source>
        <translation>ស្នើតម្លៃដែលទុកដាច់ដោយឡែក</translation>
    </message>
    <message>
        <source>Keep the value set aside</source>
        <translation>រក្សាតម្លៃដែលទុកដាច់ដោយឡែក</translation>
    </message>
    <message>
        <source>Propose this value</source>
        <translation>ស្នើតម្លៃនេះ</translation>
    </message>
    <message>
        <source>or type the right value</source>
        <translation>ឬវាយតម្លៃដែលត្រឹមត្រូវ</translation>
    </message>
    <message>
        <source>Use this value</source>
        <translation>ប្រើតម្លៃនេះ</translation>
    </message>
    <message>
        <source>Your district officer decides conflicts; they are shown here so you know.</source>
        <translation type="vanished">មន្ត្រីស្រុកជាអ្នកសម្រេចលើទិន្នន័យផ្ទុយគ្នា។ វាបង្ហាញនៅទីនេះ ដើម្បីឱ្យអ្នកដឹង។</translation>
    </message>
    <message>
        <source>{0} {1} · {2}</source>
        <translation>{0} {1} · {2}</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <source>Syncing with the server…</source>
        <translation>កំពុងធ្វើសមកាលកម្មជាមួយម៉ាស៊ីនមេ…</translation>
    </message>
    <message>
        <source>ISAF Desk is already open on this computer with the same data folder ({0}), but it does not answer. Only one ISAF Desk may use a data folder at a time, so that two windows never save over each other&apos;s figures. Wait a minute and start it again; if it still does not open, restart the computer.</source>
        <translation>ISAF Desk កំពុងបើករួចហើយនៅលើកុំព្យូទ័រនេះ ជាមួយថតទិន្នន័យដដែល ({0}) ប៉ុន្តែវាមិនឆ្លើយតបទេ។ មានតែ ISAF Desk មួយប៉ុណ្ណោះ ដែលអាចប្រើថតទិន្នន័យមួយក្នុងពេលតែមួយ ដើម្បីកុំឱ្យផ្ទាំងពីរ រក្សាទុកតួលេខជាន់លើគ្នា។ សូមរង់ចាំមួយនាទី រួចបើកវាម្ដងទៀត។ បើវានៅតែមិនបើក សូមចាប់ផ្ដើមកុំព្យូទ័រឡើងវិញ។</translation>
    </message>
    <message>
        <source>ISAF Desk could not start: {0}</source>
        <translation>ISAF Desk មិនអាចចាប់ផ្ដើមបានទេ៖ {0}</translation>
    </message>
</context>
<context>
    <name>DocumentOptionsBox</name>
    <message>
        <source>Language:</source>
        <translation>ភាសា៖</translation>
    </message>
    <message>
        <source>Digits:</source>
        <translation>លេខ៖</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>ក្រដាស៖</translation>
    </message>
    <message>
        <source>Khmer</source>
        <translation>ខ្មែរ</translation>
    </message>
    <message>
        <source>English</source>
        <translation>អង់គ្លេស</translation>
    </message>
    <message>
        <source>Khmer and English</source>
        <translation>ខ្មែរ និងអង់គ្លេស</translation>
    </message>
    <message>
        <source>Khmer digits (០១២៣)</source>
        <translation>លេខខ្មែរ (០១២៣)</translation>
    </message>
    <message>
        <source>Arabic digits (0123)</source>
        <translation>លេខអារ៉ាប់ (0123)</translation>
    </message>
    <message>
        <source>A3</source>
        <translation>A3</translation>
    </message>
    <message>
        <source>A2 (larger, for a wall)</source>
        <translation>A2 (ធំជាង សម្រាប់បិទលើជញ្ជាំង)</translation>
    </message>
    <message>
        <source>Include forms not yet approved (marked as a draft)</source>
        <translation>រួមបញ្ចូលទម្រង់ដែលមិនទាន់អនុម័ត (សម្គាល់ថាជាសេចក្ដីព្រាង)</translation>
    </message>
    <message>
        <source>Leave out proposed standards</source>
        <translation>កុំដាក់ស្តង់ដារស្នើ</translation>
    </message>
    <message>
        <source>Print only official national standards: standards only proposed, not yet official, are neither printed nor judged met or not met.</source>
        <translation>បោះពុម្ពតែស្តង់ដារជាតិផ្លូវការ៖ ស្តង់ដារដែលគ្រាន់តែស្នើ មិនទាន់ផ្លូវការ មិនត្រូវបោះពុម្ព និងមិនត្រូវវាយតម្លៃថាសម្រេច ឬមិនទាន់សម្រេចទេ។</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>ISAF Desk</source>
        <translation>ISAF Desk</translation>
    </message>
    <message>
        <source>Something went wrong: {0}

What you saved is kept. If it happens again, tell your district office and give them the log file:
{1}</source>
        <translation>មានបញ្ហាកើតឡើង៖ {0}

អ្វីដែលអ្នកបានរក្សាទុក នៅតែមាន។ បើវាកើតឡើងម្ដងទៀត សូមប្រាប់ការិយាល័យស្រុក ហើយផ្ដល់ឯកសារកំណត់ហេតុនេះឱ្យពួកគេ៖
{1}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export to Excel</source>
        <translation>នាំចេញទៅ Excel</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>ឆ្នាំ៖</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>សេវា៖</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>តំបន់៖</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>សេវាទាំងអស់</translation>
    </message>
    <message>
        <source>All my units</source>
        <translation>អង្គភាពទាំងអស់របស់ខ្ញុំ</translation>
    </message>
    <message>
        <source>Leave out proposed standards</source>
        <translation>កុំដាក់ស្តង់ដារស្នើ</translation>
    </message>
    <message>
        <source>Judge only official national standards: for standards only proposed, not yet official, no met or not met is written.</source>
        <translation>វាយតម្លៃតែស្តង់ដារជាតិផ្លូវការ៖ ចំពោះស្តង់ដារដែលគ្រាន់តែស្នើ មិនទាន់ផ្លូវការ មិនសរសេរថាសម្រេច ឬមិនទាន់សម្រេចទេ។</translation>
    </message>
    <message>
        <source>The national report&apos;s workbook, from the figures on this computer (changes not yet sent included). No personal data: names and phone numbers are left out.</source>
        <translation>សៀវភៅបញ្ជី (Excel) នៃរបាយការណ៍ជាតិ ពីតួលេខនៅលើកុំព្យូទ័រនេះ (រួមទាំងការផ្លាស់ប្ដូរដែលមិនទាន់ផ្ញើ)។ គ្មានទិន្នន័យផ្ទាល់ខ្លួនទេ៖ ឈ្មោះ និងលេខទូរស័ព្ទ មិនត្រូវបានដាក់បញ្ចូលទេ។</translation>
    </message>
    <message>
        <source>Choose where to save…</source>
        <translation>ជ្រើសរើសកន្លែងរក្សាទុក…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
</context>
<context>
    <name>FormEditor</name>
    <message>
        <source>Pasted {0} value(s) into {1} field(s), from “{2}” to “{3}”.</source>
        <translation>បានបិទភ្ជាប់តម្លៃ {0} ទៅក្នុងប្រអប់ {1} ចាប់ពី «{2}» ដល់ «{3}»។</translation>
    </message>
    <message>
        <source>Nothing was pasted.</source>
        <translation>គ្មានអ្វីត្រូវបានបិទភ្ជាប់ទេ។</translation>
    </message>
    <message>
        <source>{0} more value(s) were left out: the form has no field after “{1}”.</source>
        <translation>តម្លៃ {0} ទៀតមិនត្រូវបានបិទភ្ជាប់ទេ៖ ទម្រង់គ្មានប្រអប់បន្ទាប់ពី «{1}» ទៀតទេ។</translation>
    </message>
    <message>
        <source>{0} value(s) are not among the choices of their field and were not pasted: {1}.</source>
        <translation>តម្លៃ {0} មិនមែនជាជម្រើសរបស់ប្រអប់វាទេ ហើយមិនត្រូវបានបិទភ្ជាប់ទេ៖ {1}។</translation>
    </message>
    <message>
        <source>{0} value(s) were too long for their field and were cut: {1}.</source>
        <translation>តម្លៃ {0} វែងពេកសម្រាប់ប្រអប់របស់វា ហើយត្រូវបានកាត់ខ្លី៖ {1}។</translation>
    </message>
    <message>
        <source>{0} of them have errors, marked in red: correct them before saving.</source>
        <translation>ក្នុងនោះ {0} មានកំហុស (មានសញ្ញាក្រហម)៖ សូមកែវាមុនពេលរក្សាទុក។</translation>
    </message>
    <message>
        <source>Standard: {0}</source>
        <translation>ស្ដង់ដារ៖ {0}</translation>
    </message>
    <message>
        <source>Not saved until it is corrected.</source>
        <translation>មិនទាន់រក្សាទុកទេ រហូតដល់កែត្រូវ។</translation>
    </message>
    <message>
        <source>Conflict: see the other value</source>
        <translation>ទិន្នន័យផ្ទុយគ្នា៖ មើលតម្លៃមួយទៀត</translation>
    </message>
    <message>
        <source>Your proposal waits for the district officer: see the conflict</source>
        <translation>សំណើរបស់អ្នករង់ចាំមន្ត្រីស្រុក៖ មើលទិន្នន័យផ្ទុយគ្នា</translation>
    </message>
    <message>
        <source>another person</source>
        <translation>អ្នកផ្សេង</translation>
    </message>
    <message>
        <source>{0} entered {1} for this figure; your value, {2}, is set aside until the conflict is settled.</source>
        <translation>{0} បានបញ្ចូល {1} សម្រាប់តួលេខនេះ។ តម្លៃរបស់អ្នក {2} ត្រូវបានទុកដាច់ដោយឡែក រហូតដល់ទិន្នន័យផ្ទុយគ្នាត្រូវបានដោះស្រាយ។</translation>
    </message>
    <message>
        <source>{0} entered another value, {1}, for this figure; it is set aside until the conflict is settled.</source>
        <translation>{0} បានបញ្ចូលតម្លៃមួយទៀត {1} សម្រាប់តួលេខនេះ។ តម្លៃនោះត្រូវបានទុកដាច់ដោយឡែក រហូតដល់ទិន្នន័យផ្ទុយគ្នាត្រូវបានដោះស្រាយ។</translation>
    </message>
    <message>
        <source>Two values for this figure: {0} on the form, from {1}; {2} set aside, from {3}.</source>
        <translation>តួលេខនេះមានតម្លៃពីរ៖ {0} ក្នុងទម្រង់ ពី {1} និង {2} ដែលទុកដាច់ដោយឡែក ពី {3}។</translation>
    </message>
    <message>
        <source>Click to see both values and choose.</source>
        <translation>ចុចដើម្បីមើលតម្លៃទាំងពីរ ហើយជ្រើសរើស។</translation>
    </message>
    <message>
        <source>Click to see both values; you may propose the right one to the district officer, who decides.</source>
        <translation>ចុចដើម្បីមើលតម្លៃទាំងពីរ៖ អ្នកអាចស្នើតម្លៃដែលត្រឹមត្រូវទៅមន្ត្រីស្រុក ដែលជាអ្នកសម្រេច។</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>ស្រី</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>ប្រុស</translation>
    </message>
    <message>
        <source>{0} error(s) to fix</source>
        <translation>កំហុស {0} ត្រូវកែ</translation>
    </message>
    <message>
        <source>{0} warning(s) to confirm</source>
        <translation>ការព្រមាន {0} ត្រូវបញ្ជាក់</translation>
    </message>
    <message>
        <source>{0} required figure(s) still empty</source>
        <translation>តួលេខចាំបាច់ {0} នៅទទេនៅឡើយ</translation>
    </message>
    <message>
        <source>Read only</source>
        <translation>អានបានតែប៉ុណ្ណោះ</translation>
    </message>
    <message>
        <source>Unsaved changes (kept as a draft)</source>
        <translation>ការផ្លាស់ប្ដូរមិនទាន់រក្សាទុក (ទុកជាសេចក្ដីព្រាង)</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>បានរក្សាទុកការផ្លាស់ប្ដូរទាំងអស់</translation>
    </message>
    <message>
        <source>Nothing saved: {0} figure(s) have errors. Correct the fields marked in red.</source>
        <translation>មិនបានរក្សាទុកអ្វីទេ៖ តួលេខ {0} មានកំហុស។ សូមកែប្រអប់ដែលមានសញ្ញាក្រហម។</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>កំពុងរក្សាទុក…</translation>
    </message>
    <message>
        <source>Saved, except {0} figure(s) with errors: they are kept as a draft until corrected (marked in red).</source>
        <translation>បានរក្សាទុក លើកលែងតែតួលេខ {0} ដែលមានកំហុស៖ វាត្រូវទុកជាសេចក្ដីព្រាង រហូតដល់កែត្រូវ (មានសញ្ញាក្រហម)។</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>បានរក្សាទុក។</translation>
    </message>
    <message>
        <source>Not saved: this form is no longer on this computer (it was deleted). What you typed is still on screen.</source>
        <translation>មិនបានរក្សាទុក៖ ទម្រង់នេះលែងមាននៅលើកុំព្យូទ័រនេះទៀតហើយ (វាត្រូវបានលុប)។ អ្វីដែលអ្នកបានវាយ នៅតែបង្ហាញលើអេក្រង់។</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>មិនបានរក្សាទុកទេ។</translation>
    </message>
    <message>
        <source>Not saved: some figures are not valid ({0}). Correct them and save again.</source>
        <translation>មិនបានរក្សាទុក៖ តួលេខខ្លះមិនត្រឹមត្រូវ ({0})។ សូមកែវា ហើយរក្សាទុកម្ដងទៀត។</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>មិនបានរក្សាទុក៖ {0}</translation>
    </message>
    <message>
        <source>Not saved: this computer could not write the change. What you typed is still on screen: save again, and if it fails again, do not close the form and ask for help.</source>
        <translation>មិនបានរក្សាទុក៖ កុំព្យូទ័រនេះមិនអាចសរសេរការផ្លាស់ប្ដូរបានទេ។ អ្វីដែលអ្នកបានវាយ នៅតែបង្ហាញលើអេក្រង់៖ សូមរក្សាទុកម្ដងទៀត ហើយបើនៅតែមិនបាន កុំបិទទម្រង់ ហើយសុំជំនួយ។</translation>
    </message>
    <message>
        <source>Your typing could not be kept as a draft: {0}</source>
        <translation>មិនអាចរក្សាទុកអ្វីដែលអ្នកបានវាយ ជាសេចក្ដីព្រាងបានទេ៖ {0}</translation>
    </message>
    <message>
        <source>Your typing could not be kept as a draft. It is still on screen: save it now.</source>
        <translation>មិនអាចរក្សាទុកអ្វីដែលអ្នកបានវាយ ជាសេចក្ដីព្រាងបានទេ។ វានៅលើអេក្រង់នៅឡើយ៖ សូមរក្សាទុកវាឥឡូវនេះ។</translation>
    </message>
    <message>
        <source>Returned for correction, with this comment: {0}</source>
        <translation>បានប្រគល់ត្រឡប់វិញ ដើម្បីកែតម្រូវ ជាមួយមតិនេះ៖ {0}</translation>
    </message>
    <message>
        <source>Not saved: {0}. What you typed is kept as a draft.</source>
        <translation type="vanished">មិនបានរក្សាទុក៖ {0}។ អ្វីដែលអ្នកបានវាយ ត្រូវទុកជាសេចក្ដីព្រាង។</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>បោះបង់ការផ្លាស់ប្ដូរ</translation>
    </message>
    <message>
        <source>Forget everything typed since the last save?</source>
        <translation>បោះបង់អ្វីៗទាំងអស់ដែលបានវាយ តាំងពីការរក្សាទុកចុងក្រោយឬ?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>ការបញ្ចូល</translation>
    </message>
    <message>
        <source>Post-on</source>
        <translation>លទ្ធផលការងារ (Post-on)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>រក្សាទុក</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>រក្សាទុក (Ctrl+S)</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>សរុប</translation>
    </message>
    <message>
        <source>Riel</source>
        <translation>រៀល</translation>
    </message>
    <message>
        <source>Computed: it cannot be typed.</source>
        <translation>គណនាដោយស្វ័យប្រវត្តិ៖ មិនអាចវាយបញ្ចូលបានទេ។</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>បាទ/ចាស</translation>
    </message>
    <message>
        <source>No</source>
        <translation>ទេ</translation>
    </message>
    <message>
        <source>This form is not on this computer.</source>
        <translation>ទម្រង់នេះមិនមាននៅលើកុំព្យូទ័រនេះទេ។</translation>
    </message>
    <message>
        <source>Year {0}</source>
        <translation>ឆ្នាំ {0}</translation>
    </message>
    <message>
        <source>This form is {0}: it is shown read-only. To correct it, unlock it with a reason (Form menu, Unlock with a reason…).</source>
        <translation>ទម្រង់នេះមានស្ថានភាព «{0}»៖ អាចអានបានតែប៉ុណ្ណោះ។ ដើម្បីកែ សូមដោះសោវា ដោយមានមូលហេតុ (ម៉ឺនុយ «ទម្រង់» → «ដោះសោ ដោយមានមូលហេតុ…»)។</translation>
    </message>
    <message>
        <source>This form is {0}: it is shown read-only. Only a national administrator can unlock it: ask one, saying which figure is wrong and why.</source>
        <translation>ទម្រង់នេះមានស្ថានភាព «{0}»៖ អាចអានបានតែប៉ុណ្ណោះ។ មានតែអ្នកគ្រប់គ្រងថ្នាក់ជាតិទេ ដែលអាចដោះសោបាន៖ សូមស្នើទៅអ្នកគ្រប់គ្រងថ្នាក់ជាតិ ដោយប្រាប់ថាតួលេខណាខុស និងមូលហេតុ។</translation>
    </message>
    <message>
        <source>This form is {0}: it is shown read-only. If a figure is wrong, tell your district officer: they ask a national administrator to unlock it.</source>
        <translation>ទម្រង់នេះមានស្ថានភាព «{0}»៖ អាចអានបានតែប៉ុណ្ណោះ។ បើតួលេខណាមួយខុស សូមប្រាប់មន្ត្រីស្រុករបស់អ្នក៖ មន្ត្រីស្រុកនឹងស្នើអ្នកគ្រប់គ្រងថ្នាក់ជាតិឱ្យដោះសោ។</translation>
    </message>
    <message>
        <source>The definition of this form is not on this computer: sync first.</source>
        <translation>គំរូនៃទម្រង់នេះ មិនមាននៅលើកុំព្យូទ័រនេះទេ៖ សូមធ្វើសមកាលកម្មជាមុនសិន។</translation>
    </message>
    <message>
        <source>This form is {0}: it is shown read-only. To change it, ask your district office to unlock it.</source>
        <translation type="vanished">ទម្រង់នេះមានស្ថានភាព «{0}»៖ អាចអានបានតែប៉ុណ្ណោះ។ ដើម្បីកែប្រែ សូមស្នើរដ្ឋបាលស្រុកឱ្យដោះសោ។</translation>
    </message>
    <message>
        <source>Your role may read this form but not change it.</source>
        <translation>តួនាទីរបស់អ្នក អាចអានទម្រង់នេះបាន ប៉ុន្តែមិនអាចកែប្រែបានទេ។</translation>
    </message>
    <message>
        <source>Returned by the district: {0}</source>
        <translation type="vanished">ស្រុកបានប្រគល់ត្រឡប់វិញ៖ {0}</translation>
    </message>
    <message>
        <source>Changes you typed earlier and did not save were restored. Save them (Ctrl+S), or discard them.</source>
        <translation>ការផ្លាស់ប្ដូរដែលអ្នកបានវាយពីមុន ហើយមិនទាន់រក្សាទុក ត្រូវបានយកមកវិញ។ សូមរក្សាទុក (Ctrl+S) ឬបោះបង់វា។</translation>
    </message>
</context>
<context>
    <name>FormTabs</name>
    <message>
        <source>Opening the form…</source>
        <translation>កំពុងបើកទម្រង់…</translation>
    </message>
    <message>
        <source>This form could not be opened: {0}</source>
        <translation>មិនអាចបើកទម្រង់នេះបានទេ៖ {0}</translation>
    </message>
</context>
<context>
    <name>FormValues</name>
    <message>
        <source>Yes</source>
        <translation>បាទ/ចាស</translation>
    </message>
    <message>
        <source>No</source>
        <translation>ទេ</translation>
    </message>
    <message>
        <source>at least {0}</source>
        <translation>យ៉ាងតិច {0}</translation>
    </message>
    <message>
        <source>at most {0}</source>
        <translation>យ៉ាងច្រើន {0}</translation>
    </message>
    <message>
        <source>No value yet</source>
        <translation>មិនទាន់មានតម្លៃ</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>សម្រេច</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>មិនសម្រេច</translation>
    </message>
    <message>
        <source>{0}% yes</source>
        <translation>{0}% បាទ/ចាស</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>User guide - ISAF Desk</source>
        <translation>សៀវភៅណែនាំអ្នកប្រើ - ISAF Desk</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <source>The user guide is not on this computer: {0} was not found. Install ISAF Desk again, or ask {1}.</source>
        <translation>សៀវភៅណែនាំអ្នកប្រើ មិនមាននៅលើកុំព្យូទ័រនេះទេ៖ រកមិនឃើញ {0} ទេ។ សូមដំឡើង ISAF Desk ម្ដងទៀត ឬសួរ{1}។</translation>
    </message>
</context>
<context>
    <name>HeldDialog</name>
    <message>
        <source>Held changes</source>
        <translation>ការផ្លាស់ប្ដូរដែលបានរក្សាទុក</translation>
    </message>
    <message>
        <source>Changes the server kept aside instead of applying: yours, and those of forms you approve. Nothing in them is lost. Apply one again (after an unlock, say; a held delete then deletes the form as it is now), or dismiss it with a reason, which the form&apos;s history keeps.</source>
        <translation type="vanished">ការផ្លាស់ប្ដូរដែលម៉ាស៊ីនមេបានរក្សាទុកដោយឡែក ជំនួសឱ្យការអនុវត្ត៖ របស់អ្នក និងរបស់ទម្រង់ដែលអ្នកអនុម័ត។ គ្មានអ្វីក្នុងនោះបាត់បង់ទេ។ សូមអនុវត្តវាម្ដងទៀត (ឧទាហរណ៍ ក្រោយការដោះសោ ការលុបដែលបានរក្សាទុក នឹងលុបទម្រង់តាមស្ថានភាពបច្ចុប្បន្ន) ឬដាក់វាចោលដោយមានមូលហេតុ ដែលប្រវត្តិនៃទម្រង់នឹងរក្សាទុក។</translation>
    </message>
    <message>
        <source>Apply again</source>
        <translation>អនុវត្តម្ដងទៀត</translation>
    </message>
    <message>
        <source>Dismiss with a reason…</source>
        <translation>ដាក់ចោលដោយមានមូលហេតុ…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <source>When</source>
        <translation>ពេលណា</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>ទម្រង់</translation>
    </message>
    <message>
        <source>Why it is held</source>
        <translation>ហេតុអ្វីបានរក្សាទុក</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>ព័ត៌មានលម្អិត</translation>
    </message>
    <message>
        <source>The form was approved when the change arrived</source>
        <translation>ទម្រង់ត្រូវបានអនុម័តរួចហើយ ពេលការផ្លាស់ប្ដូរមកដល់</translation>
    </message>
    <message>
        <source>Made on a form version the server does not have</source>
        <translation>ធ្វើលើកំណែទម្រង់ដែលម៉ាស៊ីនមេមិនមាន</translation>
    </message>
    <message>
        <source>Figures the form&apos;s version does not have</source>
        <translation>តួលេខដែលកំណែទម្រង់នេះមិនមាន</translation>
    </message>
    <message>
        <source>Figures that break the form&apos;s rules</source>
        <translation>តួលេខដែលផ្ទុយនឹងវិធាននៃទម្រង់</translation>
    </message>
    <message>
        <source>A second change under the same number (a fault)</source>
        <translation>ការផ្លាស់ប្ដូរទីពីរ ក្រោមលេខដដែល (កំហុស)</translation>
    </message>
    <message>
        <source>A delete, made before later changes to the form were seen</source>
        <translation>ការលុប ដែលធ្វើឡើងមុនពេលឃើញការផ្លាស់ប្ដូរក្រោយៗនៃទម្រង់</translation>
    </message>
    <message>
        <source>A change to a form deleted meanwhile</source>
        <translation>ការផ្លាស់ប្ដូរលើទម្រង់ ដែលត្រូវបានលុបក្នុងពេលនោះ</translation>
    </message>
    <message>
        <source>A conflict choice that waits for the district officer</source>
        <translation>ជម្រើសលើទិន្នន័យផ្ទុយគ្នា ដែលរង់ចាំមន្ត្រីស្រុក</translation>
    </message>
    <message>
        <source>A conflict choice that waits for your decision (Conflicts)</source>
        <translation>ជម្រើសលើទិន្នន័យផ្ទុយគ្នា ដែលរង់ចាំការសម្រេចរបស់អ្នក (ទិន្នន័យផ្ទុយគ្នា)</translation>
    </message>
    <message>
        <source>(no form)</source>
        <translation>(គ្មានទម្រង់)</translation>
    </message>
    <message>
        <source>Only the person who sent this change, or an approver of the form, decides on it.</source>
        <translation>មានតែអ្នកដែលបានផ្ញើការផ្លាស់ប្ដូរនេះ ឬអ្នកអនុម័តទម្រង់ប៉ុណ្ណោះ ដែលអាចសម្រេចលើវាបាន។</translation>
    </message>
    <message>
        <source>Reading the held changes…</source>
        <translation>កំពុងអានការផ្លាស់ប្ដូរដែលបានរក្សាទុក…</translation>
    </message>
    <message>
        <source>{0} held change(s).</source>
        <translation>ការផ្លាស់ប្ដូរដែលបានរក្សាទុក {0}។</translation>
    </message>
    <message>
        <source>No held changes: everything sent was applied.</source>
        <translation>គ្មានការផ្លាស់ប្ដូរដែលបានរក្សាទុកទេ៖ អ្វីៗដែលបានផ្ញើ ត្រូវបានអនុវត្តទាំងអស់។</translation>
    </message>
    <message>
        <source>Held changes are on the server, and it could not be reached. Try again when connected.</source>
        <translation>ការផ្លាស់ប្ដូរដែលបានរក្សាទុក នៅលើម៉ាស៊ីនមេ ហើយមិនអាចភ្ជាប់ទៅវាបានទេ។ សូមព្យាយាមម្ដងទៀត ពេលមានការតភ្ជាប់។</translation>
    </message>
    <message>
        <source>This held change is no longer there: someone decided on it already. The list is read again.</source>
        <translation>ការផ្លាស់ប្ដូរដែលបានរក្សាទុកនេះ លែងមានទៀតហើយ៖ មាននរណាម្នាក់បានសម្រេចលើវារួចហើយ។ បញ្ជីនឹងត្រូវអានម្ដងទៀត។</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation type="vanished">មានបញ្ហាកើតឡើង៖ {0}</translation>
    </message>
    <message>
        <source>Dismissed. The reason is in the form&apos;s history.</source>
        <translation>បានដាក់ចោល។ មូលហេតុមាននៅក្នុងប្រវត្តិនៃទម្រង់។</translation>
    </message>
    <message>
        <source>Applied again.</source>
        <translation>បានអនុវត្តម្ដងទៀត។</translation>
    </message>
    <message>
        <source>Applied again, as a conflict for the district officer to resolve (Conflicts).</source>
        <translation>បានអនុវត្តម្ដងទៀត ជាទិន្នន័យផ្ទុយគ្នា ដែលមន្ត្រីស្រុកត្រូវដោះស្រាយ (ទិន្នន័យផ្ទុយគ្នា)។</translation>
    </message>
    <message>
        <source>Not applied: the server answered “{0}”: {1}</source>
        <translation type="vanished">មិនបានអនុវត្តទេ៖ ម៉ាស៊ីនមេបានឆ្លើយ «{0}»៖ {1}</translation>
    </message>
    <message>
        <source>This computer could not sync afterwards: sync again to see the outcome.</source>
        <translation>កុំព្យូទ័រនេះមិនអាចធ្វើសមកាលកម្មបន្ទាប់ពីនោះបានទេ៖ សូមធ្វើសមកាលកម្មម្ដងទៀត ដើម្បីមើលលទ្ធផល។</translation>
    </message>
    <message>
        <source>Dismiss with a reason</source>
        <translation>ដាក់ចោលដោយមានមូលហេតុ</translation>
    </message>
    <message>
        <source>Changes the server kept aside instead of applying: yours, those of forms you approve, and deletes that met edits of forms you work on. Nothing in them is lost. Apply one again (after an unlock, say; a held delete then deletes the form as it is now), or dismiss it with a reason, which the form&apos;s history keeps.</source>
        <translation>ការផ្លាស់ប្ដូរដែលម៉ាស៊ីនមេបានរក្សាទុកដោយឡែក ជំនួសឱ្យការអនុវត្ត៖ របស់អ្នក របស់ទម្រង់ដែលអ្នកអនុម័ត និងការលុបដែលជួបនឹងការកែប្រែលើទម្រង់ដែលអ្នកធ្វើការ។ គ្មានអ្វីក្នុងនោះបាត់បង់ទេ។ សូមអនុវត្តវាម្ដងទៀត (ឧទាហរណ៍ ក្រោយការដោះសោ ការលុបដែលបានរក្សាទុក នឹងលុបទម្រង់តាមស្ថានភាពបច្ចុប្បន្ន) ឬដាក់វាចោលដោយមានមូលហេតុ ដែលប្រវត្តិនៃទម្រង់នឹងរក្សាទុក។</translation>
    </message>
    <message>
        <source>Why must this change not apply? The reason is kept in the form&apos;s history.</source>
        <translation>ហេតុអ្វីបានជាការផ្លាស់ប្ដូរនេះមិនត្រូវអនុវត្ត? មូលហេតុនឹងត្រូវរក្សាទុកក្នុងប្រវត្តិនៃទម្រង់។</translation>
    </message>
    <message>
        <source>Not dismissed: a reason is needed.</source>
        <translation>មិនបានដាក់ចោលទេ៖ ត្រូវការមូលហេតុ។</translation>
    </message>
    <message>
        <source>Applied again, as a conflict: resolve it in Conflicts.</source>
        <translation>បានអនុវត្តម្ដងទៀត ជាទិន្នន័យផ្ទុយគ្នា៖ សូមដោះស្រាយវានៅក្នុង ទិន្នន័យផ្ទុយគ្នា។</translation>
    </message>
    <message>
        <source>Not applied: the form is approved, so its figures are locked. Only national staff unlock it; apply the change again after an unlock.</source>
        <translation>មិនបានអនុវត្តទេ៖ ទម្រង់នេះត្រូវបានអនុម័តហើយ ដូច្នេះតួលេខរបស់វាត្រូវបានចាក់សោ។ មានតែមន្ត្រីថ្នាក់ជាតិទេ ដែលអាចដោះសោវាបាន។ សូមអនុវត្តការផ្លាស់ប្ដូរនេះម្ដងទៀត បន្ទាប់ពីដោះសោ។</translation>
    </message>
    <message>
        <source>Not applied: the form is not in your area (any more). Ask {0}.</source>
        <translation>មិនបានអនុវត្តទេ៖ ទម្រង់នេះមិនស្ថិតក្នុងតំបន់របស់អ្នក (ទៀតទេ)។ សូមសួរ{0}។</translation>
    </message>
    <message>
        <source>Not applied: the change was made on a form version or figure the server does not have. Ask {0}.</source>
        <translation>មិនបានអនុវត្តទេ៖ ការផ្លាស់ប្ដូរនេះ ត្រូវបានធ្វើលើកំណែទម្រង់ ឬតួលេខ ដែលម៉ាស៊ីនមេមិនមាន។ សូមសួរ{0}។</translation>
    </message>
    <message>
        <source>Not applied: the server refused the figures (they break the form&apos;s rules). Dismiss it with a reason, or correct the form and sync.</source>
        <translation>មិនបានអនុវត្តទេ៖ ម៉ាស៊ីនមេបានបដិសេធតួលេខទាំងនេះ (វាខុសពីច្បាប់នៃទម្រង់)។ សូមដាក់ចោលវា ដោយមានមូលហេតុ ឬកែទម្រង់ រួចធ្វើសមកាលកម្ម។</translation>
    </message>
    <message>
        <source>Not applied again: the server already has this change.</source>
        <translation>មិនបានអនុវត្តម្ដងទៀតទេ៖ ម៉ាស៊ីនមេមានការផ្លាស់ប្ដូរនេះរួចហើយ។</translation>
    </message>
    <message>
        <source>Not applied: the server held it again. The list shows why.</source>
        <translation>មិនបានអនុវត្តទេ៖ ម៉ាស៊ីនមេបានផ្អាកវាម្ដងទៀត។ បញ្ជីបង្ហាញមូលហេតុ។</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>កំពុងសួរម៉ាស៊ីនមេ…</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>កំពុងអានប្រវត្តិ…</translation>
    </message>
    <message>
        <source>The server refused to show the history: {0}</source>
        <translation>ម៉ាស៊ីនមេបានបដិសេធមិនបង្ហាញប្រវត្តិ៖ {0}</translation>
    </message>
    <message>
        <source>The history could not be read: {0}</source>
        <translation>មិនអាចអានប្រវត្តិបានទេ៖ {0}</translation>
    </message>
    <message>
        <source>The full history, from the server.</source>
        <translation>ប្រវត្តិពេញលេញ ពីម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>The last {0} change(s) are on this computer only: they go to the server at the next sync.</source>
        <translation>ការផ្លាស់ប្ដូរចុងក្រោយ {0} មាននៅលើកុំព្យូទ័រនេះតែប៉ុណ្ណោះ៖ វានឹងទៅដល់ម៉ាស៊ីនមេ នៅពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <source>This form has not reached the server yet: shown are the changes made on this computer, not sent yet.</source>
        <translation>ទម្រង់នេះមិនទាន់ទៅដល់ម៉ាស៊ីនមេនៅឡើយទេ៖ អ្វីដែលបង្ហាញ គឺការផ្លាស់ប្ដូរដែលបានធ្វើនៅលើកុំព្យូទ័រនេះ ដែលមិនទាន់ផ្ញើ។</translation>
    </message>
    <message>
        <source>Without a connection to the server, only the changes on this computer that are not sent yet are shown. The full history (every person, every status change) needs the server.</source>
        <translation>ពេលគ្មានការតភ្ជាប់ទៅម៉ាស៊ីនមេ មានតែការផ្លាស់ប្ដូរនៅលើកុំព្យូទ័រនេះ ដែលមិនទាន់ផ្ញើ ទើបត្រូវបានបង្ហាញ។ ប្រវត្តិពេញលេញ (គ្រប់មនុស្ស គ្រប់ការផ្លាស់ប្ដូរស្ថានភាព) ត្រូវការម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>There are no unsent changes on this computer.</source>
        <translation>គ្មានការផ្លាស់ប្ដូរដែលមិនទាន់ផ្ញើ នៅលើកុំព្យូទ័រនេះទេ។</translation>
    </message>
    <message>
        <source>History of the form</source>
        <translation>ប្រវត្តិនៃទម្រង់</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>ពេលណា</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>អ្នកណា</translation>
    </message>
    <message>
        <source>What</source>
        <translation>អ្វី</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>តួលេខ</translation>
    </message>
    <message>
        <source>From</source>
        <translation>ពី</translation>
    </message>
    <message>
        <source>To</source>
        <translation>ទៅ</translation>
    </message>
    <message>
        <source>Comment or reason</source>
        <translation>មតិយោបល់ ឬមូលហេតុ</translation>
    </message>
    <message>
        <source>Saved on this computer, not sent to the server yet</source>
        <translation>បានរក្សាទុកនៅលើកុំព្យូទ័រនេះ មិនទាន់ផ្ញើទៅម៉ាស៊ីនមេទេ</translation>
    </message>
    <message>
        <source>Computer: {0}</source>
        <translation>កុំព្យូទ័រ៖ {0}</translation>
    </message>
    <message>
        <source>Form created</source>
        <translation>បានបង្កើតទម្រង់</translation>
    </message>
    <message>
        <source>Figure changed</source>
        <translation>បានប្ដូរតួលេខ</translation>
    </message>
    <message>
        <source>Warning confirmed</source>
        <translation>បានបញ្ជាក់ការព្រមាន</translation>
    </message>
    <message>
        <source>Conflicting change (kept for a decision)</source>
        <translation>ការផ្លាស់ប្ដូរផ្ទុយគ្នា (រក្សាទុកដើម្បីសម្រេច)</translation>
    </message>
    <message>
        <source>Form deleted</source>
        <translation>បានលុបទម្រង់</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>បានដាក់ស្នើ</translation>
    </message>
    <message>
        <source>Returned with a comment</source>
        <translation>បានប្រគល់ត្រឡប់វិញ ដោយមានមតិយោបល់</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>បានអនុម័ត</translation>
    </message>
    <message>
        <source>Unlocked with a reason</source>
        <translation>បានដោះសោ ដោយមានមូលហេតុ</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>បានផ្សព្វផ្សាយ</translation>
    </message>
    <message>
        <source>Withdrawn from public view</source>
        <translation>បានដកចេញពីការបង្ហាញជាសាធារណៈ</translation>
    </message>
    <message>
        <source>Held change set aside with a reason</source>
        <translation>ការផ្លាស់ប្ដូរដែលបានរក្សាទុក ត្រូវបានដាក់ចោលដោយមានមូលហេតុ</translation>
    </message>
    <message>
        <source>{0} (not sent yet)</source>
        <translation>{0} (មិនទាន់ផ្ញើ)</translation>
    </message>
</context>
<context>
    <name>LinkProblem</name>
    <message>
        <source>This computer has no network connection: the server at {0} could not be reached.</source>
        <translation>កុំព្យូទ័រនេះមិនមានការភ្ជាប់បណ្ដាញទេ៖ មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេនៅ {0} បានទេ។</translation>
    </message>
    <message>
        <source>No computer with the address {0} was found: check the server address, and that this computer is connected to the network.</source>
        <translation>រកមិនឃើញកុំព្យូទ័រដែលមានអាសយដ្ឋាន {0} ទេ៖ សូមពិនិត្យអាសយដ្ឋានម៉ាស៊ីនមេ និងពិនិត្យថាកុំព្យូទ័រនេះបានភ្ជាប់បណ្ដាញ។</translation>
    </message>
    <message>
        <source>Nothing answers at {0}: check the server address and its port (the number after the colon), or ask whether the server is running.</source>
        <translation>គ្មានអ្វីឆ្លើយតបនៅ {0} ទេ៖ សូមពិនិត្យអាសយដ្ឋានម៉ាស៊ីនមេ និងលេខច្រករបស់វា (លេខនៅក្រោយសញ្ញា «:») ឬសួរថាតើម៉ាស៊ីនមេកំពុងដំណើរការឬទេ។</translation>
    </message>
    <message>
        <source>The server at {0} did not answer in time: the connection is slow or cut.</source>
        <translation>ម៉ាស៊ីនមេនៅ {0} មិនបានឆ្លើយតបទាន់ពេលទេ៖ ការភ្ជាប់យឺត ឬដាច់។</translation>
    </message>
    <message>
        <source>No secure connection could be made with {0}: check whether the address starts with http:// or https://.</source>
        <translation>មិនអាចបង្កើតការភ្ជាប់មានសុវត្ថិភាពជាមួយ {0} បានទេ៖ សូមពិនិត្យថាអាសយដ្ឋានចាប់ផ្ដើមដោយ http:// ឬ https://។</translation>
    </message>
    <message>
        <source>{0} is not an ISAF Desk server: check the server address.</source>
        <translation>{0} មិនមែនជាម៉ាស៊ីនមេ ISAF Desk ទេ៖ សូមពិនិត្យអាសយដ្ឋានម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>The server at {0} has a problem of its own: try again later.</source>
        <translation>ម៉ាស៊ីនមេនៅ {0} មានបញ្ហាខ្លួនឯង៖ សូមព្យាយាមម្ដងទៀតនៅពេលក្រោយ។</translation>
    </message>
    <message>
        <source>The server at {0} could not be reached (no connection).</source>
        <translation>មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេនៅ {0} បានទេ (គ្មានការភ្ជាប់)។</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ISAF Desk</source>
        <translation>ISAF Desk</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>អង្គភាព</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>ធ្វើសមកាលកម្ម</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>ទិន្នន័យផ្ទុយគ្នា</translation>
    </message>
    <message>
        <source>Submit / approve…</source>
        <translation type="vanished">ដាក់ស្នើ / អនុម័ត…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>ប្រវត្តិ</translation>
    </message>
    <message>
        <source>Export USB bundle…</source>
        <translation>នាំចេញកញ្ចប់ USB…</translation>
    </message>
    <message>
        <source>Import USB bundle…</source>
        <translation>នាំចូលកញ្ចប់ USB…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>ការកំណត់</translation>
    </message>
    <message>
        <source>About</source>
        <translation>អំពី</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>ចាកចេញ</translation>
    </message>
    <message>
        <source>Delete this form…</source>
        <translation>លុបទម្រង់នេះ…</translation>
    </message>
    <message>
        <source>Held changes…</source>
        <translation>ការផ្លាស់ប្ដូរដែលបានរក្សាទុក…</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>សៀវភៅណែនាំអ្នកប្រើ</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>ប្ដូរពាក្យសម្ងាត់…</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>ស្ដារច្បាប់ចម្លងបម្រុងទុក…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ឯកសារ</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>ទម្រង់</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>ជំនួយ</translation>
    </message>
    <message>
        <source>Return with a comment…</source>
        <translation>ប្រគល់ត្រឡប់វិញ ដោយមានមតិយោបល់…</translation>
    </message>
    <message>
        <source>Unlock with a reason…</source>
        <translation>ដោះសោ ដោយមានមូលហេតុ…</translation>
    </message>
    <message>
        <source>online</source>
        <translation>ភ្ជាប់បណ្ដាញ</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>ក្រៅបណ្ដាញ</translation>
    </message>
    <message>
        <source>never</source>
        <translation>មិនទាន់ដែល</translation>
    </message>
    <message>
        <source>Last sync: {0} · Unsent: {1} · Conflicts: {2}</source>
        <translation>សមកាលកម្មចុងក្រោយ៖ {0} · មិនទាន់ផ្ញើ៖ {1} · ទិន្នន័យផ្ទុយគ្នា៖ {2}</translation>
    </message>
    <message>
        <source>No form yet</source>
        <translation>មិនទាន់មានទម្រង់</translation>
    </message>
    <message>
        <source>This unit has no form for {0} yet. Its form is made by the unit, its commune focal point or the district officer; it shows here after your next sync.</source>
        <translation>អង្គភាពនេះ មិនទាន់មានទម្រង់សម្រាប់ឆ្នាំ {0} នៅឡើយទេ។ ទម្រង់របស់វា ត្រូវបង្កើតដោយអង្គភាពនោះ មន្ត្រីបង្គោលឃុំ/សង្កាត់ ឬមន្ត្រីស្រុក។ វានឹងបង្ហាញនៅទីនេះ បន្ទាប់ពីការធ្វើសមកាលកម្មលើកក្រោយរបស់អ្នក។</translation>
    </message>
    <message>
        <source>Your role may not submit forms: the unit, its commune focal point or the district officer submits them.</source>
        <translation>តួនាទីរបស់អ្នក មិនអាចដាក់ស្នើទម្រង់បានទេ៖ អង្គភាព មន្ត្រីបង្គោលឃុំ/សង្កាត់ ឬមន្ត្រីស្រុក ជាអ្នកដាក់ស្នើ។</translation>
    </message>
    <message>
        <source>Only national staff (a national administrator) unlock an approved form. Ask the national office, saying what must be corrected.</source>
        <translation>មានតែមន្ត្រីថ្នាក់ជាតិ (អ្នកគ្រប់គ្រងថ្នាក់ជាតិ) ទេ ដែលអាចដោះសោទម្រង់ដែលបានអនុម័ត។ សូមស្នើទៅថ្នាក់ជាតិ ដោយប្រាប់ថាត្រូវកែអ្វីខ្លះ។</translation>
    </message>
    <message>
        <source>Only national staff (a national administrator) unlock an approved form. Ask your district office to request it from the national office, saying what must be corrected.</source>
        <translation>មានតែមន្ត្រីថ្នាក់ជាតិ (អ្នកគ្រប់គ្រងថ្នាក់ជាតិ) ទេ ដែលអាចដោះសោទម្រង់ដែលបានអនុម័ត។ សូមសុំរដ្ឋបាលស្រុករបស់អ្នក ឱ្យស្នើទៅថ្នាក់ជាតិ ដោយប្រាប់ថាត្រូវកែអ្វីខ្លះ។</translation>
    </message>
    <message>
        <source>Your account has no delegated approval: the district officer returns forms. The national office can delegate approval to you.</source>
        <translation>គណនីរបស់អ្នក មិនមានសិទ្ធិអនុម័តប្រគល់ទេ៖ មន្ត្រីស្រុកជាអ្នកប្រគល់ទម្រង់ត្រឡប់វិញ។ ថ្នាក់ជាតិអាចប្រគល់សិទ្ធិអនុម័តឱ្យអ្នកបាន។</translation>
    </message>
    <message>
        <source>Your account has no delegated approval: the district officer approves forms. The national office can delegate approval to you.</source>
        <translation>គណនីរបស់អ្នក មិនមានសិទ្ធិអនុម័តប្រគល់ទេ៖ មន្ត្រីស្រុកជាអ្នកអនុម័តទម្រង់។ ថ្នាក់ជាតិអាចប្រគល់សិទ្ធិអនុម័តឱ្យអ្នកបាន។</translation>
    </message>
    <message>
        <source>The district officer (or a provincial officer with delegated approval) returns forms; national staff unlock approved ones.</source>
        <translation>មន្ត្រីស្រុក (ឬមន្ត្រីខេត្តដែលបានទទួលសិទ្ធិអនុម័តប្រគល់) ជាអ្នកប្រគល់ទម្រង់ត្រឡប់វិញ។ មន្ត្រីថ្នាក់ជាតិ ជាអ្នកដោះសោទម្រង់ដែលបានអនុម័ត។</translation>
    </message>
    <message>
        <source>The district officer (or a provincial officer with delegated approval) approves forms; national staff publish approved ones.</source>
        <translation>មន្ត្រីស្រុក (ឬមន្ត្រីខេត្តដែលបានទទួលសិទ្ធិអនុម័តប្រគល់) ជាអ្នកអនុម័តទម្រង់។ មន្ត្រីថ្នាក់ជាតិ ជាអ្នកផ្សព្វផ្សាយទម្រង់ដែលបានអនុម័ត។</translation>
    </message>
    <message>
        <source>Your role may not delete forms: deleting undoes the making of a form, which the unit, its commune focal point or the district officer does.</source>
        <translation>តួនាទីរបស់អ្នក មិនអាចលុបទម្រង់បានទេ៖ ការលុប គឺជាការលុបចោលការបង្កើតទម្រង់ ដែលជាការងាររបស់អង្គភាព មន្ត្រីបង្គោលឃុំ/សង្កាត់ ឬមន្ត្រីស្រុក។</translation>
    </message>
    <message>
        <source>Approved. The form&apos;s figures are now locked: only national staff can unlock them.</source>
        <translation>បានអនុម័ត។ ឥឡូវនេះ តួលេខនៃទម្រង់ត្រូវបានចាក់សោ៖ មានតែមន្ត្រីថ្នាក់ជាតិទេ ដែលអាចដោះសោវាបាន។</translation>
    </message>
    <message>
        <source>The server refused: this form is not in your area, or your account may not do this. Sync, and ask {0} if it persists.</source>
        <translation>ម៉ាស៊ីនមេបានបដិសេធ៖ ទម្រង់នេះមិនស្ថិតក្នុងតំបន់របស់អ្នក ឬគណនីរបស់អ្នកមិនអាចធ្វើការនេះបានទេ។ សូមធ្វើសមកាលកម្ម ហើយសួរ{0} ប្រសិនបើនៅតែកើតមាន។</translation>
    </message>
    <message>
        <source>The server refused this move, and nothing changed. Sync to see the form as the server has it; if it persists, ask {0}.</source>
        <translation>ម៉ាស៊ីនមេបានបដិសេធការងារនេះ ហើយគ្មានអ្វីផ្លាស់ប្ដូរទេ។ សូមធ្វើសមកាលកម្ម ដើម្បីឃើញទម្រង់ដូចនៅលើម៉ាស៊ីនមេ។ ប្រសិនបើនៅតែកើតមាន សូមសួរ{0}។</translation>
    </message>
    <message>
        <source>Wrote {0} change(s) to {1}.</source>
        <translation>បានរក្សាទុកការផ្លាស់ប្ដូរ {0} ក្នុង {1}។</translation>
    </message>
    <message>
        <source>Wrote a bundle to {0}. It holds no change of yours (everything was sent already); it still brings back the server&apos;s news.</source>
        <translation>បានរក្សាទុកកញ្ចប់មួយក្នុង {0}។ វាគ្មានការផ្លាស់ប្ដូររបស់អ្នកទេ (អ្វីៗទាំងអស់ត្រូវបានផ្ញើរួចហើយ)។ ប៉ុន្តែវានៅតែនាំព័ត៌មានថ្មីពីម៉ាស៊ីនមេត្រឡប់មកវិញ។</translation>
    </message>
    <message>
        <source>Import it on another computer that is online, signed in as yourself (Import USB bundle…), or give it to your provincial office. Then import the return bundle it gives back here.</source>
        <translation>សូមនាំចូលវានៅលើកុំព្យូទ័រផ្សេងទៀត ដែលភ្ជាប់បណ្ដាញ ដោយចូលប្រើជាខ្លួនអ្នក (នាំចូលកញ្ចប់ USB…) ឬប្រគល់វាឱ្យរដ្ឋបាលខេត្តរបស់អ្នក។ បន្ទាប់មក សូមនាំចូលកញ្ចប់ឆ្លើយតប ដែលទទួលបានមកវិញ នៅទីនេះ។</translation>
    </message>
    <message>
        <source>Import it on another computer that is online, signed in as yourself (Import USB bundle…), or give it to the national office. Then import the return bundle it gives back here.</source>
        <translation>សូមនាំចូលវានៅលើកុំព្យូទ័រផ្សេងទៀត ដែលភ្ជាប់បណ្ដាញ ដោយចូលប្រើជាខ្លួនអ្នក (នាំចូលកញ្ចប់ USB…) ឬប្រគល់វាឱ្យថ្នាក់ជាតិ។ បន្ទាប់មក សូមនាំចូលកញ្ចប់ឆ្លើយតប ដែលទទួលបានមកវិញ នៅទីនេះ។</translation>
    </message>
    <message>
        <source>Import it on another computer that is online, signed in as yourself (Import USB bundle…), or on the server with the command isaf sync import-bundle. Then import the return bundle here.</source>
        <translation>សូមនាំចូលវានៅលើកុំព្យូទ័រផ្សេងទៀត ដែលភ្ជាប់បណ្ដាញ ដោយចូលប្រើជាខ្លួនអ្នក (នាំចូលកញ្ចប់ USB…) ឬនៅលើម៉ាស៊ីនមេ ដោយប្រើពាក្យបញ្ជា isaf sync import-bundle។ បន្ទាប់មក សូមនាំចូលកញ្ចប់ឆ្លើយតប នៅទីនេះ។</translation>
    </message>
    <message>
        <source>Take the USB stick to your district office: a district officer imports the bundle there and gives you back a return bundle. Import that one here (Import USB bundle…).</source>
        <translation>សូមយក USB ទៅរដ្ឋបាលស្រុករបស់អ្នក៖ មន្ត្រីស្រុកនឹងនាំចូលកញ្ចប់នៅទីនោះ ហើយប្រគល់កញ្ចប់ឆ្លើយតបមកអ្នកវិញ។ សូមនាំចូលកញ្ចប់ឆ្លើយតបនោះ នៅទីនេះ (នាំចូលកញ្ចប់ USB…)។</translation>
    </message>
    <message>
        <source>{0} met another person&apos;s change of the same figure: see Conflicts.</source>
        <translation>{0} បានជួបការផ្លាស់ប្ដូររបស់អ្នកផ្សេង លើតួលេខតែមួយ៖ សូមមើល ទិន្នន័យផ្ទុយគ្នា។</translation>
    </message>
    <message>
        <source>{0} were held by the server, nothing lost: see Sync ▸ Held changes… when connected.</source>
        <translation>{0} ត្រូវបានម៉ាស៊ីនមេផ្អាកទុក ដោយគ្មានអ្វីបាត់បង់ទេ៖ សូមមើល ធ្វើសមកាលកម្ម ▸ ការផ្លាស់ប្ដូរដែលបានរក្សាទុក… ពេលមានការតភ្ជាប់។</translation>
    </message>
    <message>
        <source>This return bundle was already taken in: nothing changed, and there is nothing more to do with it.</source>
        <translation>កញ្ចប់ឆ្លើយតបនេះ បាននាំចូលរួចហើយ៖ គ្មានអ្វីផ្លាស់ប្ដូរទេ ហើយមិនចាំបាច់ធ្វើអ្វីជាមួយវាទៀតទេ។</translation>
    </message>
    <message>
        <source>Took in the server&apos;s answer: {0} of your change(s) are settled.</source>
        <translation>បាននាំចូលចម្លើយរបស់ម៉ាស៊ីនមេ៖ ការផ្លាស់ប្ដូររបស់អ្នកចំនួន {0} ត្រូវបានបញ្ចប់។</translation>
    </message>
    <message>
        <source>{0} change(s) came from the server.</source>
        <translation>ការផ្លាស់ប្ដូរ {0} បានមកពីម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>This computer synced with the server after the bundle was made: only the answers were taken in, its newer data is kept.</source>
        <translation>កុំព្យូទ័រនេះបានធ្វើសមកាលកម្មជាមួយម៉ាស៊ីនមេ ក្រោយពេលបង្កើតកញ្ចប់៖ មានតែចម្លើយទេ ដែលត្រូវបាននាំចូល ហើយទិន្នន័យថ្មីជាងរបស់វា ត្រូវបានរក្សាទុក។</translation>
    </message>
    <message>
        <source>This computer still differs from the server: your next bundle or sync brings the rest.</source>
        <translation>ទិន្នន័យនៅលើកុំព្យូទ័រនេះ នៅតែខុសពីម៉ាស៊ីនមេ៖ កញ្ចប់បន្ទាប់ ឬការធ្វើសមកាលកម្មបន្ទាប់ នឹងនាំផ្នែកដែលនៅសល់មក។</translation>
    </message>
    <message>
        <source>This bundle of {0} was already imported: nothing was applied twice.</source>
        <translation>កញ្ចប់របស់ {0} នេះ បាននាំចូលរួចហើយ៖ គ្មានអ្វីត្រូវបានអនុវត្តពីរដងទេ។</translation>
    </message>
    <message>
        <source>Carried the bundle of {0} to the server: {1} change(s) applied.</source>
        <translation>បាននាំកញ្ចប់របស់ {0} ទៅម៉ាស៊ីនមេ៖ ការផ្លាស់ប្ដូរ {1} ត្រូវបានអនុវត្ត។</translation>
    </message>
    <message>
        <source>Some earlier bundles of that computer never arrived; this one carries what they held, so nothing is missing.</source>
        <translation>កញ្ចប់មុនៗខ្លះរបស់កុំព្យូទ័រនោះ មិនបានមកដល់ទេ។ កញ្ចប់នេះផ្ទុកអ្វីដែលកញ្ចប់ទាំងនោះមាន ដូច្នេះគ្មានអ្វីខ្វះទេ។</translation>
    </message>
    <message>
        <source>Some changes of that computer have never reached the server: its next bundle carries them, if it still holds them.</source>
        <translation>ការផ្លាស់ប្ដូរខ្លះរបស់កុំព្យូទ័រនោះ មិនដែលមកដល់ម៉ាស៊ីនមេទេ៖ កញ្ចប់បន្ទាប់របស់វា នឹងនាំវាមក ប្រសិនបើវានៅតែមាន។</translation>
    </message>
    <message>
        <source>Give back the return bundle {0} on the USB stick: {1} imports it on their computer (Import USB bundle…).</source>
        <translation>សូមប្រគល់កញ្ចប់ឆ្លើយតប {0} នៅក្នុង USB ទៅវិញ៖ {1} ត្រូវនាំចូលវានៅលើកុំព្យូទ័ររបស់ខ្លួន (នាំចូលកញ្ចប់ USB…)។</translation>
    </message>
    <message>
        <source>This computer cannot make USB bundles yet: sign in online once (with a connection to the server), then export again. Nothing is lost: your changes stay on this computer.</source>
        <translation>កុំព្យូទ័រនេះ មិនទាន់អាចបង្កើតកញ្ចប់ USB បាននៅឡើយទេ៖ សូមចូលប្រើម្ដង ពេលភ្ជាប់ទៅម៉ាស៊ីនមេ រួចនាំចេញម្ដងទៀត។ គ្មានអ្វីបាត់បង់ទេ៖ ការផ្លាស់ប្ដូររបស់អ្នក នៅតែមាននៅលើកុំព្យូទ័រនេះ។</translation>
    </message>
    <message>
        <source>This computer cannot check a return bundle yet: sign in online once (with a connection to the server), then import it again. Nothing was changed.</source>
        <translation>កុំព្យូទ័រនេះ មិនទាន់អាចពិនិត្យកញ្ចប់ឆ្លើយតបបាននៅឡើយទេ៖ សូមចូលប្រើម្ដង ពេលភ្ជាប់ទៅម៉ាស៊ីនមេ រួចនាំចូលវាម្ដងទៀត។ គ្មានអ្វីផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <source>This is this computer&apos;s own bundle: it is imported on another computer, not here. Nothing was changed.</source>
        <translation>នេះជាកញ្ចប់របស់កុំព្យូទ័រនេះផ្ទាល់៖ វាត្រូវនាំចូលនៅលើកុំព្យូទ័រផ្សេង មិនមែននៅទីនេះទេ។ គ្មានអ្វីផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <source>This return bundle is for another computer: take it back to the computer whose bundle it answers. Nothing was changed.</source>
        <translation>កញ្ចប់ឆ្លើយតបនេះ សម្រាប់កុំព្យូទ័រផ្សេង៖ សូមយកវាទៅកុំព្យូទ័រ ដែលវាឆ្លើយតបនឹងកញ្ចប់របស់វា។ គ្មានអ្វីផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <source>This bundle was changed after it was written, so it is refused whole and nothing was changed. Ask for a new bundle from the computer that made it.</source>
        <translation>កញ្ចប់នេះត្រូវបានកែប្រែ ក្រោយពេលវាត្រូវបានបង្កើត ដូច្នេះវាត្រូវបានបដិសេធទាំងមូល ហើយគ្មានអ្វីផ្លាស់ប្ដូរទេ។ សូមសុំកញ្ចប់ថ្មី ពីកុំព្យូទ័រដែលបានបង្កើតវា។</translation>
    </message>
    <message>
        <source>This bundle was made by another version of ISAF Desk, which this one cannot read. Nothing was changed: put the same version on both computers, then export and import again.</source>
        <translation>កញ្ចប់នេះត្រូវបានបង្កើតដោយកំណែ ISAF Desk ផ្សេង ដែលកំណែនេះមិនអាចអានបាន។ គ្មានអ្វីផ្លាស់ប្ដូរទេ៖ សូមដំឡើងកំណែដូចគ្នានៅលើកុំព្យូទ័រទាំងពីរ រួចនាំចេញ និងនាំចូលម្ដងទៀត។</translation>
    </message>
    <message>
        <source>This file is not an ISAF Desk bundle, or it is damaged (was copying to the USB stick finished?). Nothing was changed: copy the bundle again and import the new copy.</source>
        <translation>ឯកសារនេះមិនមែនជាកញ្ចប់ ISAF Desk ទេ ឬវាខូច (តើការចម្លងទៅ USB បានចប់សព្វគ្រប់ឬទេ?)។ គ្មានអ្វីផ្លាស់ប្ដូរទេ៖ សូមចម្លងកញ្ចប់ម្ដងទៀត ហើយនាំចូលច្បាប់ចម្លងថ្មីនោះ។</translation>
    </message>
    <message>
        <source>This bundle comes from a version of ISAF Desk this one cannot read. Nothing was changed: put the same version on both computers, then try again.</source>
        <translation>កញ្ចប់នេះមកពីកំណែ ISAF Desk ដែលកំណែនេះមិនអាចអានបាន។ គ្មានអ្វីផ្លាស់ប្ដូរទេ៖ សូមដំឡើងកំណែដូចគ្នានៅលើកុំព្យូទ័រទាំងពីរ រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>Carrying a bundle to the server needs a connection, and the server could not be reached. Nothing was changed: try again when connected.</source>
        <translation>ការនាំកញ្ចប់ទៅម៉ាស៊ីនមេ ត្រូវការការតភ្ជាប់ ប៉ុន្តែមិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបានទេ។ គ្មានអ្វីផ្លាស់ប្ដូរទេ៖ សូមព្យាយាមម្ដងទៀត ពេលមានការតភ្ជាប់។</translation>
    </message>
    <message>
        <source>Your account may not carry bundles to the server: a district, provincial or national officer imports them. Nothing was applied.</source>
        <translation>គណនីរបស់អ្នក មិនអាចនាំកញ្ចប់ទៅម៉ាស៊ីនមេបានទេ៖ មន្ត្រីស្រុក ខេត្ត ឬថ្នាក់ជាតិ ជាអ្នកនាំចូលវា។ គ្មានអ្វីត្រូវបានអនុវត្តទេ។</translation>
    </message>
    <message>
        <source>This file is too large to be a bundle. Nothing was applied: check that it is the bundle you meant.</source>
        <translation>ឯកសារនេះធំពេក មិនអាចជាកញ្ចប់បានទេ។ គ្មានអ្វីត្រូវបានអនុវត្តទេ៖ សូមពិនិត្យថា វាជាកញ្ចប់ដែលអ្នកចង់នាំចូលមែន។</translation>
    </message>
    <message>
        <source>The server does not know the computer that made this bundle for you: it never signed in online, or it works outside your area. Nothing was applied.</source>
        <translation>ម៉ាស៊ីនមេមិនស្គាល់កុំព្យូទ័រ ដែលបានបង្កើតកញ្ចប់នេះ សម្រាប់អ្នកទេ៖ វាមិនដែលចូលប្រើពេលភ្ជាប់បណ្ដាញ ឬវាធ្វើការនៅក្រៅតំបន់របស់អ្នក។ គ្មានអ្វីត្រូវបានអនុវត្តទេ។</translation>
    </message>
    <message>
        <source>This bundle was changed after it was written, so the server refused it whole and nothing was applied. Ask for a new bundle from the computer that made it.</source>
        <translation>កញ្ចប់នេះត្រូវបានកែប្រែ ក្រោយពេលវាត្រូវបានបង្កើត ដូច្នេះម៉ាស៊ីនមេបានបដិសេធវាទាំងមូល ហើយគ្មានអ្វីត្រូវបានអនុវត្តទេ។ សូមសុំកញ្ចប់ថ្មី ពីកុំព្យូទ័រដែលបានបង្កើតវា។</translation>
    </message>
    <message>
        <source>The person who made this bundle is no longer that computer&apos;s active user, so nothing was applied. Ask {0}.</source>
        <translation>អ្នកដែលបានបង្កើតកញ្ចប់នេះ មិនមែនជាអ្នកប្រើសកម្មនៃកុំព្យូទ័រនោះទៀតទេ ដូច្នេះគ្មានអ្វីត្រូវបានអនុវត្តទេ។ សូមសួរ{0}។</translation>
    </message>
    <message>
        <source>The server refused this bundle, and nothing was applied. Ask {0}; the refusal is kept on the server for an administrator.</source>
        <translation>ម៉ាស៊ីនមេបានបដិសេធកញ្ចប់នេះ ហើយគ្មានអ្វីត្រូវបានអនុវត្តទេ។ សូមសួរ{0}។ ការបដិសេធនេះ ត្រូវបានរក្សាទុកនៅលើម៉ាស៊ីនមេ សម្រាប់អ្នកគ្រប់គ្រង។</translation>
    </message>
    <message>
        <source>Something went wrong, and it was not finished. Nothing you typed is lost. Try again; if it happens again, tell {0} and send them the log file (Help ▸ About shows where it is).</source>
        <translation>មានបញ្ហាកើតឡើង ហើយការងារនេះមិនបានបញ្ចប់ទេ។ អ្វីដែលអ្នកបានវាយបញ្ចូល មិនបាត់បង់ទេ។ សូមព្យាយាមម្ដងទៀត។ ប្រសិនបើវាកើតឡើងម្ដងទៀត សូមប្រាប់{0} ហើយផ្ញើឯកសារកំណត់ហេតុទៅពួកគេ (ជំនួយ ▸ អំពី បង្ហាញថាវានៅទីណា)។</translation>
    </message>
    <message>
        <source>This unit has no form for {0} yet.</source>
        <translation type="vanished">អង្គភាពនេះមិនទាន់មានទម្រង់សម្រាប់ឆ្នាំ {0} នៅឡើយទេ។</translation>
    </message>
    <message>
        <source>Who changed which figure, and every status change, with comments</source>
        <translation>អ្នកណាបានប្ដូរតួលេខណា និងគ្រប់ការផ្លាស់ប្ដូរស្ថានភាព ព្រមទាំងមតិយោបល់</translation>
    </message>
    <message>
        <source>Waiting for the server&apos;s answer…</source>
        <translation>កំពុងរង់ចាំចម្លើយពីម៉ាស៊ីនមេ…</translation>
    </message>
    <message>
        <source>Your role may not submit forms.</source>
        <translation type="vanished">តួនាទីរបស់អ្នក មិនអាចដាក់ស្នើទម្រង់បានទេ។</translation>
    </message>
    <message>
        <source>Only the district officer (or a provincial officer with delegated approval) returns forms.</source>
        <translation>មានតែមន្ត្រីស្រុក (ឬមន្ត្រីខេត្តដែលបានទទួលសិទ្ធិអនុម័តប្រគល់) ទើបអាចប្រគល់ទម្រង់ត្រឡប់វិញបាន។</translation>
    </message>
    <message>
        <source>Only the district officer (or a provincial officer with delegated approval) approves forms.</source>
        <translation>មានតែមន្ត្រីស្រុក (ឬមន្ត្រីខេត្តដែលបានទទួលសិទ្ធិអនុម័តប្រគល់) ទើបអាចអនុម័តទម្រង់បាន។</translation>
    </message>
    <message>
        <source>Only the national administrator unlocks approved forms.</source>
        <translation type="vanished">មានតែអ្នកគ្រប់គ្រងថ្នាក់ជាតិ ទើបអាចដោះសោទម្រង់ដែលបានអនុម័តបាន។</translation>
    </message>
    <message>
        <source>Only a draft or returned form can be submitted; this one is {0}.</source>
        <translation>មានតែទម្រង់ជាសេចក្ដីព្រាង ឬដែលបានប្រគល់ត្រឡប់ ទើបអាចដាក់ស្នើបាន។ ទម្រង់នេះ {0}។</translation>
    </message>
    <message>
        <source>Only a submitted form can be returned; this one is {0}.</source>
        <translation>មានតែទម្រង់ដែលបានដាក់ស្នើ ទើបអាចប្រគល់ត្រឡប់វិញបាន។ ទម្រង់នេះ {0}។</translation>
    </message>
    <message>
        <source>Only a submitted form can be approved; this one is {0}.</source>
        <translation>មានតែទម្រង់ដែលបានដាក់ស្នើ ទើបអាចអនុម័តបាន។ ទម្រង់នេះ {0}។</translation>
    </message>
    <message>
        <source>Only an approved or published form can be unlocked; this one is {0}.</source>
        <translation>មានតែទម្រង់ដែលបានអនុម័ត ឬបានផ្សព្វផ្សាយ ទើបអាចដោះសោបាន។ ទម្រង់នេះ {0}។</translation>
    </message>
    <message>
        <source>Send this form to the district office for review. Needs a connection to the server.</source>
        <translation>ផ្ញើទម្រង់នេះទៅការិយាល័យស្រុក ដើម្បីពិនិត្យ។ ត្រូវការការតភ្ជាប់ទៅម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>Mark this form as submitted, ready for approval (by you or a provincial officer with delegated approval). Needs a connection to the server.</source>
        <translation>កំណត់ទម្រង់នេះថាបានដាក់ស្នើ រួចរាល់សម្រាប់ការអនុម័ត (ដោយអ្នក ឬមន្ត្រីខេត្តដែលបានទទួលសិទ្ធិអនុម័តប្រគល់)។ ត្រូវការការតភ្ជាប់ទៅម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>Send this form back to the unit with a comment saying what to correct. Needs a connection to the server.</source>
        <translation>ផ្ញើទម្រង់នេះត្រឡប់ទៅអង្គភាពវិញ ជាមួយមតិយោបល់ប្រាប់ពីអ្វីដែលត្រូវកែ។ ត្រូវការការតភ្ជាប់ទៅម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>Approve this form: its figures are locked. Needs a connection to the server.</source>
        <translation>អនុម័តទម្រង់នេះ៖ តួលេខរបស់វានឹងត្រូវចាក់សោ។ ត្រូវការការតភ្ជាប់ទៅម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>Unlock this form with a reason, so it can be corrected. Needs a connection to the server.</source>
        <translation>ដោះសោទម្រង់នេះ ដោយមានមូលហេតុ ដើម្បីឱ្យអាចកែតម្រូវបាន។ ត្រូវការការតភ្ជាប់ទៅម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>Your role may not delete forms: deleting undoes the making of a form.</source>
        <translation type="vanished">តួនាទីរបស់អ្នក មិនអាចលុបទម្រង់បានទេ៖ ការលុប គឺជាការលុបចោលការបង្កើតទម្រង់។</translation>
    </message>
    <message>
        <source>Only a draft or returned form can be deleted; this one is {0}.</source>
        <translation>មានតែទម្រង់ជាសេចក្ដីព្រាង ឬដែលបានប្រគល់ត្រឡប់ ទើបអាចលុបបាន។ ទម្រង់នេះ {0}។</translation>
    </message>
    <message>
        <source>Delete this form and its figures, for instance one made for the wrong unit or year. A form the server has is deleted there at the next sync.</source>
        <translation>លុបទម្រង់នេះ និងតួលេខរបស់វា ឧទាហរណ៍ ទម្រង់ដែលបានបង្កើតខុសអង្គភាព ឬខុសឆ្នាំ។ ទម្រង់ដែលមាននៅលើម៉ាស៊ីនមេ នឹងត្រូវលុបនៅទីនោះ ពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <source>Delete this form</source>
        <translation>លុបទម្រង់នេះ</translation>
    </message>
    <message>
        <source>Delete the form of {0}, with all its figures?</source>
        <translation>លុបទម្រង់របស់ {0} ព្រមទាំងតួលេខទាំងអស់របស់វាឬ?</translation>
    </message>
    <message>
        <source>Changes not saved yet go with it.</source>
        <translation>ការផ្លាស់ប្ដូរដែលមិនទាន់រក្សាទុក ក៏នឹងត្រូវលុបជាមួយដែរ។</translation>
    </message>
    <message>
        <source>The server has this form: it is deleted there at the next sync. If someone changed it there meanwhile, the server keeps it and this computer shows it again: nothing is lost.</source>
        <translation>ម៉ាស៊ីនមេមានទម្រង់នេះ៖ វានឹងត្រូវលុបនៅទីនោះ ពេលធ្វើសមកាលកម្មលើកក្រោយ។ បើក្នុងពេលនេះ មាននរណាម្នាក់បានកែប្រែវានៅទីនោះ ម៉ាស៊ីនមេនឹងរក្សាវាទុក ហើយកុំព្យូទ័រនេះនឹងបង្ហាញវាម្ដងទៀត៖ គ្មានអ្វីបាត់បង់ទេ។</translation>
    </message>
    <message>
        <source>The form was deleted.</source>
        <translation>ទម្រង់ត្រូវបានលុប។</translation>
    </message>
    <message>
        <source>The form was deleted here; the server deletes it at the next sync.</source>
        <translation>ទម្រង់ត្រូវបានលុបនៅទីនេះ។ ម៉ាស៊ីនមេនឹងលុបវា ពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <source>The form was not deleted: the server has not answered for its latest changes yet. Sync, then delete it again.</source>
        <translation>ទម្រង់មិនត្រូវបានលុបទេ៖ ម៉ាស៊ីនមេមិនទាន់ឆ្លើយតបចំពោះការផ្លាស់ប្ដូរចុងក្រោយរបស់វានៅឡើយទេ។ សូមធ្វើសមកាលកម្ម រួចលុបវាម្ដងទៀត។</translation>
    </message>
    <message>
        <source>The form was not deleted: it can no longer be deleted here (its status changed, or it is gone). Sync to see it as it is now.</source>
        <translation>ទម្រង់មិនត្រូវបានលុបទេ៖ វាមិនអាចលុបនៅទីនេះបានទៀតទេ (ស្ថានភាពរបស់វាបានផ្លាស់ប្ដូរ ឬវាលែងមាន)។ សូមធ្វើសមកាលកម្ម ដើម្បីឃើញវាដូចសព្វថ្ងៃ។</translation>
    </message>
    <message>
        <source>The form was not deleted: {0}</source>
        <translation>ទម្រង់មិនត្រូវបានលុបទេ៖ {0}</translation>
    </message>
    <message>
        <source>Move the form along</source>
        <translation type="vanished">បញ្ជូនទម្រង់បន្ត</translation>
    </message>
    <message>
        <source>This form has changes that are not saved. Save them first (Ctrl+S), or discard them: the server decides on the saved figures.</source>
        <translation>ទម្រង់នេះមានការផ្លាស់ប្ដូរដែលមិនទាន់រក្សាទុក។ សូមរក្សាទុកជាមុនសិន (Ctrl+S) ឬបោះបង់វា៖ ម៉ាស៊ីនមេសម្រេចលើតួលេខដែលបានរក្សាទុក។</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>កំពុងសួរម៉ាស៊ីនមេ…</translation>
    </message>
    <message>
        <source>Submitted. You (or a provincial officer with delegated approval) can now approve it, or return it with a comment.</source>
        <translation>បានដាក់ស្នើ។ ឥឡូវនេះ អ្នក (ឬមន្ត្រីខេត្តដែលបានទទួលសិទ្ធិអនុម័តប្រគល់) អាចអនុម័តវា ឬប្រគល់វាត្រឡប់វិញ ដោយមានមតិយោបល់។</translation>
    </message>
    <message>
        <source>Submitted. The district office can now review the form.</source>
        <translation>បានដាក់ស្នើ។ ឥឡូវនេះ ការិយាល័យស្រុកអាចពិនិត្យទម្រង់បានហើយ។</translation>
    </message>
    <message>
        <source>Returned with your comment. The unit sees it at its next sync.</source>
        <translation>បានប្រគល់ត្រឡប់វិញ ជាមួយមតិយោបល់របស់អ្នក។ អង្គភាពនឹងឃើញវា នៅពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <source>Approved. The form&apos;s figures are now locked.</source>
        <translation type="vanished">បានអនុម័ត។ ឥឡូវនេះ តួលេខនៃទម្រង់ត្រូវបានចាក់សោ។</translation>
    </message>
    <message>
        <source>Unlocked. The form can be corrected and submitted again.</source>
        <translation>បានដោះសោ។ ទម្រង់អាចកែតម្រូវ និងដាក់ស្នើម្ដងទៀតបាន។</translation>
    </message>
    <message>
        <source>The form cannot be approved: someone asked to delete it while it was being changed, and that delete is held for a decision. In Sync ▸ Held changes…, dismiss the delete with a reason to keep the form, then approve; or return the form and apply the delete again.</source>
        <translation>មិនអាចអនុម័តទម្រង់នេះបានទេ៖ មាននរណាម្នាក់បានស្នើលុបវា ខណៈពេលដែលវាកំពុងត្រូវបានកែប្រែ ហើយការលុបនោះត្រូវបានរក្សាទុកដើម្បីរង់ចាំការសម្រេច។ នៅក្នុង ធ្វើសមកាលកម្ម ▸ ការផ្លាស់ប្ដូរដែលបានរក្សាទុក… សូមដាក់ការលុបចោលដោយមានមូលហេតុ ដើម្បីរក្សាទម្រង់ទុក រួចអនុម័ត ឬប្រគល់ទម្រង់ត្រឡប់វិញ ហើយអនុវត្តការលុបម្ដងទៀត។</translation>
    </message>
    <message>
        <source>Submit / approve</source>
        <translation type="vanished">ដាក់ស្នើ / អនុម័ត</translation>
    </message>
    <message>
        <source>Choose a unit with a form first.</source>
        <translation>សូមជ្រើសរើសអង្គភាពដែលមានទម្រង់ជាមុនសិន។</translation>
    </message>
    <message>
        <source>Your role cannot move a form that is {0}.</source>
        <translation type="vanished">តួនាទីរបស់អ្នក មិនអាចប្ដូរទម្រង់ដែលមានស្ថានភាព «{0}» បានទេ។</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>ដាក់ស្នើ</translation>
    </message>
    <message>
        <source>Return with a comment</source>
        <translation type="vanished">ប្រគល់ត្រឡប់វិញ ជាមួយមតិយោបល់</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>អនុម័ត</translation>
    </message>
    <message>
        <source>Unlock with a reason</source>
        <translation type="vanished">ដោះសោ ដោយបញ្ជាក់មូលហេតុ</translation>
    </message>
    <message>
        <source>What should happen to this form?</source>
        <translation type="vanished">តើត្រូវធ្វើអ្វីជាមួយទម្រង់នេះ?</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation type="vanished">ហេតុអ្វី?</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>រួចរាល់។</translation>
    </message>
    <message>
        <source>Moving a form along needs a connection to the server, and the server could not be reached. Nothing changed and nothing is lost: the form and its figures stay on this computer. Try again when connected.</source>
        <translation>ការបញ្ជូនទម្រង់បន្ត ត្រូវការការតភ្ជាប់ទៅម៉ាស៊ីនមេ ប៉ុន្តែមិនអាចទាក់ទងម៉ាស៊ីនមេបានទេ។ គ្មានអ្វីផ្លាស់ប្ដូរ ហើយគ្មានអ្វីបាត់បង់ទេ៖ ទម្រង់ និងតួលេខរបស់វា នៅតែមាននៅលើកុំព្យូទ័រនេះ។ សូមព្យាយាមម្ដងទៀត នៅពេលមានការតភ្ជាប់។</translation>
    </message>
    <message>
        <source>The form cannot be approved: {0} figure(s) have open conflicts (two people changed the same figure). Resolve them first (Conflicts in the toolbar), then approve.</source>
        <translation>មិនអាចអនុម័តទម្រង់បានទេ៖ តួលេខ {0} មានទិន្នន័យផ្ទុយគ្នាដែលមិនទាន់ដោះស្រាយ (មនុស្សពីរនាក់បានប្ដូរតួលេខតែមួយ)។ សូមដោះស្រាយវាជាមុនសិន (ទិន្នន័យផ្ទុយគ្នា នៅលើរបារឧបករណ៍) រួចសឹមអនុម័ត។</translation>
    </message>
    <message>
        <source>The form cannot be approved: {0} figure(s) have open conflicts (two people changed the same figure). The district officer resolves them; approve once they are resolved.</source>
        <translation>មិនអាចអនុម័តទម្រង់បានទេ៖ តួលេខ {0} មានទិន្នន័យផ្ទុយគ្នាដែលមិនទាន់ដោះស្រាយ (មនុស្សពីរនាក់បានប្ដូរតួលេខតែមួយ)។ មន្ត្រីស្រុកជាអ្នកដោះស្រាយវា។ សូមអនុម័ត នៅពេលវាត្រូវបានដោះស្រាយរួច។</translation>
    </message>
    <message>
        <source>This cannot be done: on the server the form is {0} now. This computer shows its current status.</source>
        <translation>មិនអាចធ្វើបានទេ៖ នៅលើម៉ាស៊ីនមេ ទម្រង់នេះ {0} ហើយ។ កុំព្យូទ័រនេះបង្ហាញស្ថានភាពបច្ចុប្បន្នរបស់វា។</translation>
    </message>
    <message>
        <source>and {0} more</source>
        <translation>និង {0} ទៀត</translation>
    </message>
    <message>
        <source>Every warning needs a confirmation with a reason first:</source>
        <translation>ការព្រមាននីមួយៗ ត្រូវការការបញ្ជាក់ ដោយមានមូលហេតុជាមុនសិន៖</translation>
    </message>
    <message>
        <source>The form has figures to correct or fill in first:</source>
        <translation>ទម្រង់នេះមានតួលេខដែលត្រូវកែ ឬបំពេញជាមុនសិន៖</translation>
    </message>
    <message>
        <source>The server refused: this form is not in your area, or your account may not do this. Sync, and ask your district office if it persists.</source>
        <translation type="vanished">ម៉ាស៊ីនមេបានបដិសេធ៖ ទម្រង់នេះមិនស្ថិតក្នុងតំបន់របស់អ្នក ឬគណនីរបស់អ្នកមិនអាចធ្វើការនេះបានទេ។ សូមធ្វើសមកាលកម្ម ហើយសួរការិយាល័យស្រុករបស់អ្នក ប្រសិនបើនៅតែកើតមាន។</translation>
    </message>
    <message>
        <source>The server refused: {0}</source>
        <translation type="vanished">ម៉ាស៊ីនមេបានបដិសេធ៖ {0}</translation>
    </message>
    <message>
        <source>Export USB bundle</source>
        <translation>នាំចេញកញ្ចប់ USB</translation>
    </message>
    <message>
        <source>ISAF Desk bundles (*{0})</source>
        <translation>កញ្ចប់ ISAF Desk (*{0})</translation>
    </message>
    <message>
        <source>Wrote {0} change(s) to {1}. Take it to your district office.</source>
        <translation type="vanished">បានរក្សាទុកការផ្លាស់ប្ដូរ {0} ក្នុង {1}។ សូមយកវាទៅរដ្ឋបាលស្រុករបស់អ្នក។</translation>
    </message>
    <message>
        <source>Import USB bundle</source>
        <translation>នាំចូលកញ្ចប់ USB</translation>
    </message>
    <message>
        <source>This return bundle was already taken in; nothing changed.</source>
        <translation type="vanished">កញ្ចប់ឆ្លើយតបនេះ បាននាំចូលរួចហើយ។ គ្មានអ្វីផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <source>Took in {0} answer(s) and {1} change(s) from the server.</source>
        <translation type="vanished">បាននាំចូលចម្លើយ {0} និងការផ្លាស់ប្ដូរ {1} ពីម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>This is this computer&apos;s own bundle: take it to the district office.</source>
        <translation type="vanished">នេះជាកញ្ចប់របស់កុំព្យូទ័រនេះផ្ទាល់៖ សូមយកវាទៅរដ្ឋបាលស្រុក។</translation>
    </message>
    <message>
        <source>Imported for {0}: {1}. Return bundle written to {2}.</source>
        <translation type="vanished">បាននាំចូលសម្រាប់ {0}៖ {1}។ កញ្ចប់ឆ្លើយតបត្រូវបានរក្សាទុកក្នុង {2}។</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation type="vanished">មានបញ្ហាកើតឡើង៖ {0}</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>your district office</source>
        <translation>រដ្ឋបាលស្រុករបស់អ្នក</translation>
    </message>
    <message>
        <source>your provincial office</source>
        <translation>រដ្ឋបាលខេត្តរបស់អ្នក</translation>
    </message>
    <message>
        <source>the national office</source>
        <translation>ថ្នាក់ជាតិ</translation>
    </message>
    <message>
        <source>whoever looks after the server</source>
        <translation>អ្នកថែទាំម៉ាស៊ីនមេ</translation>
    </message>
    <message>
        <source>whoever supports ISAF Desk for you</source>
        <translation>អ្នកដែលជួយអ្នកលើ ISAF Desk</translation>
    </message>
    <message>
        <source>This computer&apos;s data did not allow it, and nothing was changed. Sync, then try again; if it persists, tell {0}.</source>
        <translation>ទិន្នន័យនៅលើកុំព្យូទ័រនេះ មិនអនុញ្ញាតការងារនេះទេ ហើយគ្មានអ្វីផ្លាស់ប្ដូរទេ។ សូមធ្វើសមកាលកម្ម រួចព្យាយាមម្ដងទៀត។ ប្រសិនបើនៅតែកើតមាន សូមប្រាប់{0}។</translation>
    </message>
    <message>
        <source>You may not write or read here ({0}). Choose another place, such as your Documents folder.</source>
        <translation>អ្នកមិនអាចសរសេរ ឬអាននៅទីនេះបានទេ ({0})។ សូមជ្រើសរើសកន្លែងផ្សេង ដូចជាថតឯកសាររបស់អ្នក (Documents)។</translation>
    </message>
    <message>
        <source>This place cannot be written to ({0}): the disk or USB stick is read-only. Choose another place, or remove the stick&apos;s write protection.</source>
        <translation>មិនអាចសរសេរនៅកន្លែងនេះបានទេ ({0})៖ ថាស ឬ USB អាចអានបានតែប៉ុណ្ណោះ។ សូមជ្រើសរើសកន្លែងផ្សេង ឬដកការការពារមិនឱ្យសរសេររបស់ USB ចេញ។</translation>
    </message>
    <message>
        <source>The disk or USB stick is full ({0}). Free some space, or choose another place.</source>
        <translation>ថាស ឬ USB ពេញហើយ ({0})។ សូមលុបអ្វីខ្លះចេញ ដើម្បីមានទំហំទំនេរ ឬជ្រើសរើសកន្លែងផ្សេង។</translation>
    </message>
    <message>
        <source>This file or folder is not there ({0}): the USB stick may have been taken out. Put it back, or choose another place.</source>
        <translation>ឯកសារ ឬថតនេះមិនមានទេ ({0})៖ ប្រហែលជា USB ត្រូវបានដកចេញ។ សូមដោត USB វិញ ឬជ្រើសរើសកន្លែងផ្សេង។</translation>
    </message>
    <message>
        <source>This is a folder, not a file ({0}). Choose a file.</source>
        <translation>នេះជាថត មិនមែនជាឯកសារទេ ({0})។ សូមជ្រើសរើសឯកសារមួយ។</translation>
    </message>
    <message>
        <source>The file could not be read or written ({0}). Check that the disk or USB stick is still there, or choose another place.</source>
        <translation>មិនអាចអាន ឬសរសេរឯកសារបានទេ ({0})។ សូមពិនិត្យថា ថាស ឬ USB នៅតែមាន ឬជ្រើសរើសកន្លែងផ្សេង។</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>Year:</source>
        <translation>ឆ្នាំ៖</translation>
    </message>
    <message>
        <source>Search a unit: name in Khmer or English, or code</source>
        <translation>ស្វែងរកអង្គភាព៖ ឈ្មោះជាភាសាខ្មែរ ឬអង់គ្លេស ឬលេខកូដ</translation>
    </message>
    <message>
        <source>Type part of a unit&apos;s name or code (Ctrl+F). Every word typed must match.</source>
        <translation>វាយផ្នែកណាមួយនៃឈ្មោះ ឬលេខកូដរបស់អង្គភាព (Ctrl+F)។ គ្រប់ពាក្យដែលបានវាយ ត្រូវតែមាននៅក្នុងឈ្មោះ ឬលេខកូដ។</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>បង្ហាញ៖</translation>
    </message>
    <message>
        <source>Reading the units…</source>
        <translation>កំពុងអានអង្គភាព…</translation>
    </message>
    <message>
        <source>All my units ({0}/{1} reported)</source>
        <translation>អង្គភាពរបស់ខ្ញុំទាំងអស់ (បានរាយការណ៍ {0}/{1})</translation>
    </message>
    <message>
        <source>The units could not be read from this computer.</source>
        <translation>មិនអាចអានអង្គភាពពីកុំព្យូទ័រនេះបានទេ។</translation>
    </message>
    <message>
        <source>{0} of {1} units reported</source>
        <translation>អង្គភាព {0} ក្នុងចំណោម {1} បានរាយការណ៍</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>គ្រប់ស្ថានភាព</translation>
    </message>
    <message>
        <source>Not started (no form)</source>
        <translation>មិនទាន់ចាប់ផ្ដើម (គ្មានទម្រង់)</translation>
    </message>
    <message>
        <source>With open conflicts</source>
        <translation>មានទិន្នន័យផ្ទុយគ្នាមិនទាន់ដោះស្រាយ</translation>
    </message>
    <message>
        <source>With unsent changes</source>
        <translation>មានការផ្លាស់ប្ដូរមិនទាន់ផ្ញើ</translation>
    </message>
    <message>
        <source>{0} of {1} units shown.</source>
        <translation>បង្ហាញអង្គភាព {0} ក្នុងចំណោម {1}។</translation>
    </message>
    <message>
        <source>No unit matches. Check the spelling, clear the search, or choose “All statuses”.</source>
        <translation>គ្មានអង្គភាពណាត្រូវនឹងការស្វែងរកទេ។ សូមពិនិត្យអក្ខរាវិរុទ្ធ លុបពាក្យស្វែងរកចេញ ឬជ្រើសរើស «គ្រប់ស្ថានភាព»។</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>If you forgot your password, ask {0} to reset it; you will choose a new one at the next sign-in.</source>
        <translation>បើអ្នកភ្លេចពាក្យសម្ងាត់ សូមសុំ{0} ឱ្យកំណត់វាឡើងវិញ។ អ្នកនឹងជ្រើសរើសពាក្យសម្ងាត់ថ្មី នៅពេលចូលប្រើលើកក្រោយ។</translation>
    </message>
    <message>
        <source>Your password was not changed: {0} Try again once the connection is back.</source>
        <translation>ពាក្យសម្ងាត់របស់អ្នក មិនត្រូវបានប្ដូរទេ៖ {0} សូមព្យាយាមម្ដងទៀត ពេលមានការភ្ជាប់វិញ។</translation>
    </message>
    <message>
        <source>Your password could not be changed: {0}</source>
        <translation>មិនអាចប្ដូរពាក្យសម្ងាត់របស់អ្នកបានទេ៖ {0}</translation>
    </message>
    <message>
        <source>The current password is not right: type the password you signed in with. Your password was not changed.</source>
        <translation>ពាក្យសម្ងាត់បច្ចុប្បន្ន មិនត្រឹមត្រូវទេ៖ សូមវាយពាក្យសម្ងាត់ ដែលអ្នកបានប្រើដើម្បីចូលប្រើ។ ពាក្យសម្ងាត់របស់អ្នក មិនត្រូវបានប្ដូរទេ។</translation>
    </message>
    <message>
        <source>The server refused the new password: it needs at least {0} characters.</source>
        <translation>ម៉ាស៊ីនមេបានបដិសេធពាក្យសម្ងាត់ថ្មី៖ វាត្រូវមានយ៉ាងតិច {0} តួអក្សរ។</translation>
    </message>
    <message>
        <source>Your sign-in with the server has ended (your password was changed on another computer or by an administrator, or the account was deactivated). Sign out, then sign in again. {0}</source>
        <translation>ការចូលប្រើរបស់អ្នកជាមួយម៉ាស៊ីនមេ បានបញ្ចប់ហើយ (ពាក្យសម្ងាត់របស់អ្នក ត្រូវបានប្ដូរនៅលើកុំព្យូទ័រផ្សេង ឬដោយអ្នកគ្រប់គ្រង ឬគណនីត្រូវបានបិទ)។ សូមចាកចេញ រួចចូលប្រើម្ដងទៀត។ {0}</translation>
    </message>
    <message>
        <source>The server refused the new password: {0}</source>
        <translation>ម៉ាស៊ីនមេបានបដិសេធពាក្យសម្ងាត់ថ្មី៖ {0}</translation>
    </message>
    <message>
        <source>Change password - ISAF Desk</source>
        <translation>ប្ដូរពាក្យសម្ងាត់ - ISAF Desk</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Choose your own password now: nothing else can be done until you do. Sign out if you do not want to choose it now.</source>
        <translation>ពាក្យសម្ងាត់របស់អ្នក ត្រូវបានកំណត់ដោយអ្នកគ្រប់គ្រង។ សូមជ្រើសរើសពាក្យសម្ងាត់ផ្ទាល់ខ្លួនរបស់អ្នកឥឡូវនេះ៖ មិនអាចធ្វើអ្វីផ្សេងទៀតបានទេ រហូតដល់អ្នកជ្រើសរើសវា។ សូមចាកចេញ ប្រសិនបើអ្នកមិនចង់ជ្រើសរើសវាឥឡូវនេះទេ។</translation>
    </message>
    <message>
        <source>Choose a new password. From now on it is the one to sign in with, on this computer and on any other, with or without a connection.</source>
        <translation>សូមជ្រើសរើសពាក្យសម្ងាត់ថ្មី។ ចាប់ពីពេលនេះតទៅ អ្នកត្រូវប្រើវាដើម្បីចូលប្រើ នៅលើកុំព្យូទ័រនេះ និងកុំព្យូទ័រផ្សេងទៀត ទោះមាន ឬគ្មានការភ្ជាប់ក៏ដោយ។</translation>
    </message>
    <message>
        <source>A password needs at least {0} characters, and the new one must not be the current one. Khmer or English letters, digits and spaces are all allowed. Keep it to yourself.</source>
        <translation>ពាក្យសម្ងាត់ត្រូវមានយ៉ាងតិច {0} តួអក្សរ ហើយពាក្យសម្ងាត់ថ្មី មិនត្រូវដូចពាក្យសម្ងាត់បច្ចុប្បន្នទេ។ អាចប្រើអក្សរខ្មែរ ឬអង់គ្លេស លេខ និងដកឃ្លាបានទាំងអស់។ សូមរក្សាវាជាការសម្ងាត់ សម្រាប់តែខ្លួនអ្នក។</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>ពាក្យសម្ងាត់បច្ចុប្បន្ន (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>ពាក្យសម្ងាត់ថ្មី (&amp;N)</translation>
    </message>
    <message>
        <source>New password &amp;again</source>
        <translation>ពាក្យសម្ងាត់ថ្មីម្ដងទៀត (&amp;A)</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>ប្ដូរពាក្យសម្ងាត់</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>ចាកចេញ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <source>Type your current password.</source>
        <translation>សូមវាយពាក្យសម្ងាត់បច្ចុប្បន្នរបស់អ្នក។</translation>
    </message>
    <message>
        <source>Type the new password.</source>
        <translation>សូមវាយពាក្យសម្ងាត់ថ្មី។</translation>
    </message>
    <message>
        <source>The new password is too short: it has {0} characters, and it needs at least {1}.</source>
        <translation>ពាក្យសម្ងាត់ថ្មីខ្លីពេក៖ វាមាន {0} តួអក្សរ ប៉ុន្តែត្រូវមានយ៉ាងតិច {1} តួអក្សរ។</translation>
    </message>
    <message>
        <source>The two new passwords are not the same: type the new password again in both boxes.</source>
        <translation>ពាក្យសម្ងាត់ថ្មីទាំងពីរ មិនដូចគ្នាទេ៖ សូមវាយពាក្យសម្ងាត់ថ្មីម្ដងទៀត ក្នុងប្រអប់ទាំងពីរ។</translation>
    </message>
    <message>
        <source>The new password is the same as the current one: choose another.</source>
        <translation>ពាក្យសម្ងាត់ថ្មី ដូចពាក្យសម្ងាត់បច្ចុប្បន្ន៖ សូមជ្រើសរើសពាក្យសម្ងាត់ផ្សេង។</translation>
    </message>
    <message>
        <source>Changing the password...</source>
        <translation>កំពុងប្ដូរពាក្យសម្ងាត់...</translation>
    </message>
    <message>
        <source>Your password is changed. Use the new one from now on, on this computer and on any other, with or without a connection.</source>
        <translation>ពាក្យសម្ងាត់របស់អ្នកត្រូវបានប្ដូរហើយ។ ចាប់ពីពេលនេះតទៅ សូមប្រើពាក្យសម្ងាត់ថ្មី នៅលើកុំព្យូទ័រនេះ និងកុំព្យូទ័រផ្សេងទៀត ទោះមាន ឬគ្មានការភ្ជាប់ក៏ដោយ។</translation>
    </message>
    <message>
        <source>Your password is changed on the server. On this computer, sign in with a connection once with the new password: until then, without a connection, the password of your last sign-in here still works.</source>
        <translation>ពាក្យសម្ងាត់របស់អ្នកត្រូវបានប្ដូរនៅលើម៉ាស៊ីនមេហើយ។ នៅលើកុំព្យូទ័រនេះ សូមចូលប្រើម្ដង ដោយមានការភ្ជាប់ និងដោយប្រើពាក្យសម្ងាត់ថ្មី៖ រហូតដល់ពេលនោះ ពេលគ្មានការភ្ជាប់ ពាក្យសម្ងាត់នៃការចូលប្រើចុងក្រោយរបស់អ្នកនៅទីនេះ នៅតែអាចប្រើបាន។</translation>
    </message>
    <message>
        <source>You are working offline: changing your password needs a connection to the server. Sync once the connection is back (or sign in with a connection), then try again.</source>
        <translation>អ្នកកំពុងធ្វើការក្រៅបណ្ដាញ៖ ការប្ដូរពាក្យសម្ងាត់ ត្រូវការការភ្ជាប់ទៅម៉ាស៊ីនមេ។ សូមធ្វើសមកាលកម្ម ពេលមានការភ្ជាប់វិញ (ឬចូលប្រើដោយមានការភ្ជាប់) រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
</context>
<context>
    <name>PostOnView</name>
    <message>
        <source>&lt;b&gt;{0} of {1} standards met&lt;/b&gt; · {2} not met · {3} without a value yet</source>
        <translation>&lt;b&gt;សម្រេចស្ដង់ដារ {0} ក្នុងចំណោម {1}&lt;/b&gt; · មិនសម្រេច {2} · មិនទាន់មានតម្លៃ {3}</translation>
    </message>
    <message>
        <source>official standards only</source>
        <translation>តែស្តង់ដារផ្លូវការ</translation>
    </message>
    <message>
        <source>Figures as typed, including changes not saved yet.</source>
        <translation>តួលេខដូចដែលបានវាយបញ្ចូល រួមទាំងការកែប្រែដែលមិនទាន់បានរក្សាទុក។</translation>
    </message>
    <message>
        <source>No form of {0} for this unit on this computer.</source>
        <translation>មិនមានទម្រង់ឆ្នាំ {0} របស់អង្គភាពនេះ នៅលើកុំព្យូទ័រនេះទេ។</translation>
    </message>
    <message>
        <source>Last year: the unit&apos;s form of {0}.</source>
        <translation>ឆ្នាំមុន៖ ទម្រង់ឆ្នាំ {0} របស់អង្គភាព។</translation>
    </message>
    <message>
        <source>District average: the approved forms of {0} unit(s) of the district, as of {1}.</source>
        <translation>មធ្យមភាគស្រុក៖ ទម្រង់បានអនុម័តរបស់អង្គភាព {0} នៃស្រុក គិតត្រឹម {1}។</translation>
    </message>
    <message>
        <source>No approved form in the district for this year yet, as of {0}: no district average.</source>
        <translation>គិតត្រឹម {0} មិនទាន់មានទម្រង់បានអនុម័តក្នុងស្រុកសម្រាប់ឆ្នាំនេះទេ៖ គ្មានមធ្យមភាគស្រុកទេ។</translation>
    </message>
    <message>
        <source>District average: the approved forms of {0} unit(s) of the district, from this computer&apos;s forms only.</source>
        <translation>មធ្យមភាគស្រុក៖ ទម្រង់បានអនុម័តរបស់អង្គភាព {0} នៃស្រុក ពីទម្រង់នៅលើកុំព្យូទ័រនេះប៉ុណ្ណោះ។</translation>
    </message>
    <message>
        <source>No approved form of another unit of the district on this computer for this year: no district average.</source>
        <translation>គ្មានទម្រង់បានអនុម័តរបស់អង្គភាពផ្សេងទៀតនៃស្រុកនៅលើកុំព្យូទ័រនេះសម្រាប់ឆ្នាំនេះទេ៖ គ្មានមធ្យមភាគស្រុកទេ។</translation>
    </message>
    <message>
        <source>District average: {0} other unit(s) of the district on this computer, with this unit.</source>
        <translation type="vanished">មធ្យមភាគស្រុក៖ អង្គភាពផ្សេងទៀត {0} នៃស្រុកនៅលើកុំព្យូទ័រនេះ រួមទាំងអង្គភាពនេះ។</translation>
    </message>
    <message>
        <source>No other unit of the district on this computer for this year: no district average.</source>
        <translation type="vanished">មិនមានអង្គភាពផ្សេងទៀតនៃស្រុក នៅលើកុំព្យូទ័រនេះសម្រាប់ឆ្នាំនេះទេ៖ គ្មានមធ្យមភាគស្រុក។</translation>
    </message>
    <message>
        <source>Official standards only</source>
        <translation>តែស្តង់ដារផ្លូវការ</translation>
    </message>
    <message>
        <source>Leave proposed standards (not yet official national standards) out of the standards met and not met.</source>
        <translation>កុំរាប់ស្តង់ដារស្នើ (មិនទាន់ជាស្តង់ដារជាតិផ្លូវការ) ក្នុងស្តង់ដារដែលសម្រេច និងមិនទាន់សម្រេច។</translation>
    </message>
</context>
<context>
    <name>PrintOptionsDialog</name>
    <message>
        <source>Print poster</source>
        <translation>បោះពុម្ពផ្ទាំងព័ត៌មាន</translation>
    </message>
    <message>
        <source>Print blank form</source>
        <translation>បោះពុម្ពទម្រង់ទទេ</translation>
    </message>
    <message>
        <source>The I4C poster of {0}</source>
        <translation>ផ្ទាំងព័ត៌មាន I4C របស់ {0}</translation>
    </message>
    <message>
        <source>The blank form of {0}</source>
        <translation>ទម្រង់ទទេរបស់ {0}</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>មើលជាមុន…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <source>This form is {0}, not yet approved: the poster carries a red &quot;draft&quot; band.</source>
        <translation>ទម្រង់នេះ {0} មិនទាន់អនុម័តទេ៖ ផ្ទាំងព័ត៌មាននឹងមានឆ្នូតក្រហម «សេចក្ដីព្រាង»។</translation>
    </message>
    <message>
        <source>This form is {0}, not yet approved: a poster is printed from an approved form, unless you include forms not yet approved.</source>
        <translation>ទម្រង់នេះ {0} មិនទាន់អនុម័តទេ៖ ផ្ទាំងព័ត៌មានត្រូវបោះពុម្ពពីទម្រង់ដែលបានអនុម័ត លុះត្រាតែអ្នករួមបញ្ចូលទម្រង់ដែលមិនទាន់អនុម័ត។</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>{0} page(s)</source>
        <translation>{0} ទំព័រ</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>បោះពុម្ព…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>រក្សាទុកជា PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <source>Smaller</source>
        <translation>តូចជាងនេះ</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>ធំជាងនេះ</translation>
    </message>
    <message>
        <source>Page {0}</source>
        <translation>ទំព័រ {0}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>បោះពុម្ព</translation>
    </message>
    <message>
        <source>Nothing was printed: the printer could not be opened. Check that the printer is on and connected, or save the document as PDF and print it from another computer.</source>
        <translation>គ្មានអ្វីត្រូវបានបោះពុម្ពទេ៖ មិនអាចបើកម៉ាស៊ីនបោះពុម្ពបានទេ។ សូមពិនិត្យថា ម៉ាស៊ីនបោះពុម្ពបានបើក និងបានភ្ជាប់ ឬរក្សាទុកឯកសារជា PDF ហើយបោះពុម្ពវាពីកុំព្យូទ័រផ្សេង។</translation>
    </message>
    <message>
        <source>Nothing was printed: {0}. Check that the printer is on and connected, or save the document as PDF and print it from another computer.</source>
        <translation type="vanished">មិនបានបោះពុម្ពអ្វីទេ៖ {0}។ សូមពិនិត្យថាម៉ាស៊ីនបោះពុម្ពបានបើក និងបានភ្ជាប់ ឬរក្សាទុកឯកសារជា PDF ហើយបោះពុម្ពពីកុំព្យូទ័រផ្សេង។</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>រក្សាទុកជា PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>ឯកសារ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The file could not be saved: {0}</source>
        <translation>មិនអាចរក្សាទុកឯកសារបានទេ៖ {0}</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Print poster…</source>
        <translation>បោះពុម្ពផ្ទាំងព័ត៌មាន…</translation>
    </message>
    <message>
        <source>Print blank form…</source>
        <translation>បោះពុម្ពទម្រង់ទទេ…</translation>
    </message>
    <message>
        <source>Print a batch…</source>
        <translation>បោះពុម្ពជាបាច់…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>នាំចេញទៅ Excel…</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>បោះពុម្ព និងនាំចេញ</translation>
    </message>
    <message>
        <source>The units on this computer are still being read…</source>
        <translation>អង្គភាពនៅលើកុំព្យូទ័រនេះកំពុងត្រូវបានអាននៅឡើយ…</translation>
    </message>
    <message>
        <source>There are no units on this computer yet: sync first.</source>
        <translation>មិនទាន់មានអង្គភាពនៅលើកុំព្យូទ័រនេះនៅឡើយទេ៖ សូមធ្វើសមកាលកម្មជាមុនសិន។</translation>
    </message>
    <message>
        <source>A batch or an export is being written…</source>
        <translation>កំពុងសរសេរការបោះពុម្ពជាបាច់ ឬការនាំចេញ…</translation>
    </message>
    <message>
        <source>Print the posters or blank forms of every unit of a district or commune, into one file or one file per unit.</source>
        <translation>បោះពុម្ពផ្ទាំងព័ត៌មាន ឬទម្រង់ទទេ នៃគ្រប់អង្គភាពក្នុងស្រុក ឬឃុំមួយ ក្នុងឯកសារតែមួយ ឬឯកសារមួយសម្រាប់អង្គភាពនីមួយៗ។</translation>
    </message>
    <message>
        <source>Write the national report&apos;s Excel workbook from the figures on this computer.</source>
        <translation>សរសេរសៀវភៅបញ្ជី Excel នៃរបាយការណ៍ជាតិ ពីតួលេខនៅលើកុំព្យូទ័រនេះ។</translation>
    </message>
    <message>
        <source>A document is being prepared…</source>
        <translation>កំពុងរៀបចំឯកសារ…</translation>
    </message>
    <message>
        <source>Choose a unit in the list first.</source>
        <translation>សូមជ្រើសរើសអង្គភាពមួយក្នុងបញ្ជីជាមុនសិន។</translation>
    </message>
    <message>
        <source>The blank data-collection form of {0}, to print and fill in by hand.</source>
        <translation>ទម្រង់ប្រមូលទិន្នន័យទទេរបស់ {0} សម្រាប់បោះពុម្ព និងបំពេញដោយដៃ។</translation>
    </message>
    <message>
        <source>{0}: no form on this computer, so no poster (a poster shows a form&apos;s figures).</source>
        <translation>{0}៖ គ្មានទម្រង់នៅលើកុំព្យូទ័រនេះទេ ដូច្នេះគ្មានផ្ទាំងព័ត៌មាន (ផ្ទាំងព័ត៌មានបង្ហាញតួលេខនៃទម្រង់)។</translation>
    </message>
    <message>
        <source>The I4C poster of {0}. Its form is {1}, not yet approved: it prints only marked as a draft.</source>
        <translation>ផ្ទាំងព័ត៌មាន I4C របស់ {0}។ ទម្រង់របស់វា {1} មិនទាន់អនុម័តទេ៖ វាអាចបោះពុម្ពបានតែដោយសម្គាល់ថាជាសេចក្ដីព្រាងប៉ុណ្ណោះ។</translation>
    </message>
    <message>
        <source>The I4C poster of {0}: which national standards are met, for the notice board.</source>
        <translation type="vanished">ផ្ទាំងព័ត៌មាន I4C របស់ {0}៖ ស្តង់ដារជាតិណាខ្លះដែលសម្រេចបាន សម្រាប់បិទលើក្ដារព័ត៌មាន។</translation>
    </message>
    <message>
        <source>The I4C poster of {0}: which standards are met, for the notice board.</source>
        <translation>ផ្ទាំងព័ត៌មាន I4C របស់ {0}៖ ស្តង់ដារណាខ្លះដែលសម្រេចបាន សម្រាប់បិទលើក្ដារព័ត៌មាន។</translation>
    </message>
    <message>
        <source>Preparing the document of {0}…</source>
        <translation>កំពុងរៀបចំឯកសាររបស់ {0}…</translation>
    </message>
    <message>
        <source>I4C poster · {0}</source>
        <translation>ផ្ទាំងព័ត៌មាន I4C · {0}</translation>
    </message>
    <message>
        <source>Blank form · {0}</source>
        <translation>ទម្រង់ទទេ · {0}</translation>
    </message>
    <message>
        <source>No poster: the form of {0} is {1}, not yet approved. To print it anyway, marked as a draft, tick &quot;Include forms not yet approved&quot;.</source>
        <translation>គ្មានផ្ទាំងព័ត៌មានទេ៖ ទម្រង់របស់ {0} {1} មិនទាន់អនុម័តទេ។ ដើម្បីបោះពុម្ពវាដោយសម្គាល់ថាជាសេចក្ដីព្រាង សូមធីក «រួមបញ្ចូលទម្រង់ដែលមិនទាន់អនុម័ត»។</translation>
    </message>
    <message>
        <source>Nothing to print: {0}</source>
        <translation>គ្មានអ្វីត្រូវបោះពុម្ពទេ៖ {0}</translation>
    </message>
    <message>
        <source>The document could not be made: {0}</source>
        <translation>មិនអាចបង្កើតឯកសារបានទេ៖ {0}</translation>
    </message>
    <message>
        <source>something went wrong. Nothing was changed: try again; if it happens again, tell {0} and send them the log file (Help ▸ About shows where it is).</source>
        <translation>មានបញ្ហាកើតឡើង។ គ្មានអ្វីផ្លាស់ប្ដូរទេ៖ សូមព្យាយាមម្ដងទៀត។ ប្រសិនបើវាកើតឡើងម្ដងទៀត សូមប្រាប់{0} ហើយផ្ញើឯកសារកំណត់ហេតុទៅពួកគេ (ជំនួយ ▸ អំពី បង្ហាញថាវានៅទីណា)។</translation>
    </message>
    <message>
        <source>the unit {0} is not on this computer; sync first</source>
        <translation>អង្គភាព {0} មិនមាននៅលើកុំព្យូទ័រនេះទេ សូមធ្វើសមកាលកម្មជាមុនសិន</translation>
    </message>
    <message>
        <source>the form definition of {0} is not on this computer yet; sync first</source>
        <translation>និយមន័យទម្រង់របស់ {0} មិនទាន់មាននៅលើកុំព្យូទ័រនេះនៅឡើយទេ សូមធ្វើសមកាលកម្មជាមុនសិន</translation>
    </message>
    <message>
        <source>{0} has no form for {1} on this computer</source>
        <translation>{0} គ្មានទម្រង់ឆ្នាំ {1} នៅលើកុំព្យូទ័រនេះទេ</translation>
    </message>
    <message>
        <source>the form of {0} for {1} is {2}, not yet approved</source>
        <translation>ទម្រង់ឆ្នាំ {1} របស់ {0} {2} មិនទាន់អនុម័តទេ</translation>
    </message>
    <message>
        <source>no unit of the area {0} is on this computer</source>
        <translation>គ្មានអង្គភាពណាមួយនៃតំបន់ {0} នៅលើកុំព្យូទ័រនេះទេ</translation>
    </message>
    <message>
        <source>this computer does not have what the document needs; sync first, then try again</source>
        <translation>កុំព្យូទ័រនេះ មិនមានអ្វីដែលឯកសារនេះត្រូវការទេ។ សូមធ្វើសមកាលកម្មជាមុនសិន រួចព្យាយាមម្ដងទៀត</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>កំពុងចាប់ផ្ដើម…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>កំពុងបញ្ឈប់…</translation>
    </message>
    <message>
        <source>Save the batch as</source>
        <translation>រក្សាទុកបាច់ជា</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>ឯកសារ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Choose the folder for the files</source>
        <translation>ជ្រើសរើសថតសម្រាប់ឯកសារ</translation>
    </message>
    <message>
        <source>Print a batch</source>
        <translation>បោះពុម្ពជាបាច់</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>កំពុងសរសេរឯកសារ…</translation>
    </message>
    <message>
        <source>{0} of {1} unit(s): {2}</source>
        <translation>{0} នៃ {1} អង្គភាព៖ {2}</translation>
    </message>
    <message>
        <source>The batch was cancelled after {0} of {1} unit(s).</source>
        <translation>បាច់ត្រូវបានបោះបង់ បន្ទាប់ពីអង្គភាព {0} នៃ {1}។</translation>
    </message>
    <message>
        <source>The batch was cancelled.</source>
        <translation>បាច់ត្រូវបានបោះបង់។</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>គ្មានអ្វីត្រូវបានសរសេរទេ។</translation>
    </message>
    <message>
        <source>The files already written are in {0}.</source>
        <translation>ឯកសារដែលបានសរសេររួច មាននៅក្នុង {0}។</translation>
    </message>
    <message>
        <source>The files could not be written: {0}</source>
        <translation>មិនអាចសរសេរឯកសារបានទេ៖ {0}</translation>
    </message>
    <message>
        <source>The batch stopped: {0}</source>
        <translation>បាច់បានឈប់៖ {0}</translation>
    </message>
    <message>
        <source>Printed {0} unit(s) into {1}.</source>
        <translation>បានបោះពុម្ពអង្គភាព {0} ទៅក្នុង {1}។</translation>
    </message>
    <message>
        <source>Nothing was printed, so no file was written.</source>
        <translation>គ្មានអ្វីត្រូវបានបោះពុម្ពទេ ដូច្នេះគ្មានឯកសារត្រូវបានសរសេរ។</translation>
    </message>
    <message>
        <source>Skipped {0} unit(s):</source>
        <translation>បានរំលងអង្គភាព {0}៖</translation>
    </message>
    <message>
        <source>no form for {0} on this computer</source>
        <translation>គ្មានទម្រង់ឆ្នាំ {0} នៅលើកុំព្យូទ័រនេះទេ</translation>
    </message>
    <message>
        <source>its form is {0}, not yet approved</source>
        <translation>ទម្រង់របស់វា {0} មិនទាន់អនុម័តទេ</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>នាំចេញទៅ Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>សៀវភៅបញ្ជី Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>{0} of {1} unit(s) written</source>
        <translation>បានសរសេរអង្គភាព {0} នៃ {1}</translation>
    </message>
    <message>
        <source>Wrote {0} unit(s) and {1} form(s) of {2} to {3}.</source>
        <translation>បានសរសេរអង្គភាព {0} និងទម្រង់ {1} នៃឆ្នាំ {2} ទៅក្នុង {3}។</translation>
    </message>
    <message>
        <source>The export was cancelled. No file was written.</source>
        <translation>ការនាំចេញត្រូវបានបោះបង់។ គ្មានឯកសារត្រូវបានសរសេរទេ។</translation>
    </message>
    <message>
        <source>Nothing was exported: {0}</source>
        <translation>គ្មានអ្វីត្រូវបាននាំចេញទេ៖ {0}</translation>
    </message>
    <message>
        <source>The file could not be written: {0}</source>
        <translation>មិនអាចសរសេរឯកសារបានទេ៖ {0}</translation>
    </message>
    <message>
        <source>The export stopped: {0}</source>
        <translation>ការនាំចេញបានឈប់៖ {0}</translation>
    </message>
    <message>
        <source>the year must be between {0} and {1}</source>
        <translation>ឆ្នាំត្រូវស្ថិតនៅចន្លោះ {0} និង {1}</translation>
    </message>
    <message>
        <source>this service is not one of the national report&apos;s</source>
        <translation>សេវានេះ មិនមែនជាសេវាមួយនៃរបាយការណ៍ថ្នាក់ជាតិទេ</translation>
    </message>
    <message>
        <source>this area is not a province, district or commune</source>
        <translation>តំបន់នេះ មិនមែនជាខេត្ត ស្រុក ឬឃុំ/សង្កាត់ទេ</translation>
    </message>
    <message>
        <source>the form definitions are not on this computer yet; sync first</source>
        <translation>និយមន័យទម្រង់ មិនទាន់មាននៅលើកុំព្យូទ័រនេះនៅឡើយទេ។ សូមធ្វើសមកាលកម្មជាមុនសិន</translation>
    </message>
</context>
<context>
    <name>PublishActions</name>
    <message>
        <source>Publish approved forms…</source>
        <translation>ផ្សព្វផ្សាយទម្រង់ដែលបានអនុម័ត…</translation>
    </message>
    <message>
        <source>Withdraw from public view…</source>
        <translation>ដកចេញពីការបង្ហាញជាសាធារណៈ…</translation>
    </message>
    <message>
        <source>Only a national administrator publishes forms.</source>
        <translation>មានតែអ្នកគ្រប់គ្រងថ្នាក់ជាតិទេដែលផ្សព្វផ្សាយទម្រង់។</translation>
    </message>
    <message>
        <source>Withdraw from public view</source>
        <translation>ដកចេញពីការបង្ហាញជាសាធារណៈ</translation>
    </message>
    <message>
        <source>Choose a unit whose form is published first.</source>
        <translation>សូមជ្រើសរើសអង្គភាពដែលទម្រង់របស់វាបានផ្សព្វផ្សាយជាមុនសិន។</translation>
    </message>
    <message>
        <source>The form was withdrawn from public view; it is approved again.</source>
        <translation>ទម្រង់ត្រូវបានដកចេញពីការបង្ហាញជាសាធារណៈ ហើយត្រឡប់ទៅជាបានអនុម័តវិញ។</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Publish approved forms</source>
        <translation>ផ្សព្វផ្សាយទម្រង់ដែលបានអនុម័ត</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>តំបន់</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>ឆ្នាំ</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>សេវា</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>មើលជាមុន</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>លេខកូដ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>អង្គភាព</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>កំណត់សម្គាល់</translation>
    </message>
    <message>
        <source>The whole country</source>
        <translation>ទូទាំងប្រទេស</translation>
    </message>
    <message>
        <source>Every service</source>
        <translation>គ្រប់សេវា</translation>
    </message>
    <message>
        <source>Publish {0} forms</source>
        <translation>ផ្សព្វផ្សាយទម្រង់ {0}</translation>
    </message>
    <message>
        <source>{0} approved forms will become public: citizens will see their figures.</source>
        <translation>ទម្រង់បានអនុម័តចំនួន {0} នឹងក្លាយជាសាធារណៈ៖ ប្រជាពលរដ្ឋនឹងឃើញតួលេខរបស់វា។</translation>
    </message>
    <message>
        <source>No approved form of this area, year and service waits to be published.</source>
        <translation>គ្មានទម្រង់បានអនុម័តនៃតំបន់ ឆ្នាំ និងសេវានេះ ដែលរង់ចាំការផ្សព្វផ្សាយទេ។</translation>
    </message>
    <message>
        <source>{0} are kept back (see the note).</source>
        <translation>ទម្រង់ {0} ត្រូវបានទុកមួយឡែក (សូមមើលកំណត់សម្គាល់)។</translation>
    </message>
    <message>
        <source>Choose an area, a year and a service, then Preview: nothing becomes public before you publish.</source>
        <translation>សូមជ្រើសរើសតំបន់ ឆ្នាំ និងសេវា រួចចុច «មើលជាមុន»៖ គ្មានអ្វីក្លាយជាសាធារណៈមុនពេលអ្នកផ្សព្វផ្សាយទេ។</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>កំពុងសួរម៉ាស៊ីនមេ…</translation>
    </message>
    <message>
        <source>Make {0} forms public? Citizens will see their figures on the public pages and posters. A form can be withdrawn later, with a reason.</source>
        <translation>ធ្វើឱ្យទម្រង់ {0} ក្លាយជាសាធារណៈឬ? ប្រជាពលរដ្ឋនឹងឃើញតួលេខរបស់វានៅលើទំព័រសាធារណៈ និងផ្ទាំងរូបភាព។ ទម្រង់អាចដកចេញវិញនៅពេលក្រោយ ដោយមានមូលហេតុ។</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>កំពុងផ្សព្វផ្សាយ…</translation>
    </message>
    <message>
        <source>{0} forms were published.</source>
        <translation>ទម្រង់ {0} ត្រូវបានផ្សព្វផ្សាយ។</translation>
    </message>
</context>
<context>
    <name>Publishing</name>
    <message>
        <source>The server could not be reached: publishing needs a connection. Connect to the internet and try again.</source>
        <translation>មិនអាចទាក់ទងម៉ាស៊ីនមេបានទេ៖ ការផ្សព្វផ្សាយត្រូវការការតភ្ជាប់។ សូមភ្ជាប់អ៊ីនធឺណិត ហើយព្យាយាមម្តងទៀត។</translation>
    </message>
    <message>
        <source>Nothing was published: some forms changed since the preview (unlocked, withdrawn or held). Preview again.</source>
        <translation>គ្មានអ្វីត្រូវបានផ្សព្វផ្សាយទេ៖ ទម្រង់ខ្លះបានផ្លាស់ប្តូរតាំងពីការមើលជាមុន (បានដោះសោ បានដកចេញ ឬត្រូវបានទុក)។ សូមមើលជាមុនម្តងទៀត។</translation>
    </message>
    <message>
        <source>Only a national administrator may publish forms or withdraw them from public view.</source>
        <translation>មានតែអ្នកគ្រប់គ្រងថ្នាក់ជាតិទេដែលអាចផ្សព្វផ្សាយទម្រង់ ឬដកវាចេញពីការបង្ហាញជាសាធារណៈ។</translation>
    </message>
    <message>
        <source>Nothing changed: the form is no longer published. Sync to see it as the server has it.</source>
        <translation>គ្មានអ្វីផ្លាស់ប្តូរទេ៖ ទម្រង់នេះលែងបានផ្សព្វផ្សាយហើយ។ សូមធ្វើសមកាលកម្ម ដើម្បីឃើញវាដូចនៅលើម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>Open conflicts: resolve them first.</source>
        <translation>មានជម្លោះទិន្នន័យ៖ សូមដោះស្រាយវាជាមុនសិន។</translation>
    </message>
    <message>
        <source>A held delete: decide on it first.</source>
        <translation>មានសំណើលុបដែលត្រូវបានទុក៖ សូមសម្រេចលើវាជាមុនសិន។</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>ដ្រាយ</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>ថត</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>ថតឯកសារ</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ឯកសារ</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>តំណភ្ជាប់</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>ផ្លូវកាត់</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>មិនស្គាល់</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Select All</source>
        <translation>ជ្រើសរើសទាំងអស់ (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Step up</source>
        <translation>បង្កើន (&amp;S)</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>បន្ថយ (&amp;D)</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>រកមើលក្នុង (&amp;L)៖</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>រកមើលក្នុង៖</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>ឈ្មោះឯកសារ (&amp;N)៖</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ប្រភេទឯកសារ (&amp;T)៖</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>ប្រភេទឯកសារ៖</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>ថត៖</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>រក្សាទុក (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>បើក (&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>ជ្រើសរើស (&amp;C)</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>រក្សាទុកជា</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>បើក</translation>
    </message>
    <message>
        <source>Find Directory</source>
        <translation>ជ្រើសរើសថត</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>ថយក្រោយ</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>ទៅមុខ</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>ថតមេ</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>បង្កើតថតថ្មី</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>បង្ហាញជាបញ្ជី</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>បង្ហាញលម្អិត</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>ថយក្រោយ</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>ទៅមុខ</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>ទៅកាន់ថតមេ</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>បង្កើតថតថ្មីមួយ</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>ប្ដូរទៅការបង្ហាញជាបញ្ជី</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>ប្ដូរទៅការបង្ហាញលម្អិត</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>របារចំហៀង</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>បញ្ជីទីតាំង និងកន្លែងចំណាំ</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>ឯកសារ</translation>
    </message>
    <message>
        <source>Directories</source>
        <translation>ថត</translation>
    </message>
    <message>
        <source>Recent Places</source>
        <translation>ទីតាំងថ្មីៗ</translation>
    </message>
    <message>
        <source>My Computer</source>
        <translation>កុំព្យូទ័ររបស់ខ្ញុំ</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>ថតថ្មី</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>ថតថ្មី (&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>ប្ដូរឈ្មោះ (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>លុប (&amp;D)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>លុប</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>ដកចេញ</translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>បង្ហាញឯកសារដែលលាក់ (&amp;H)</translation>
    </message>
    <message>
        <source>Show </source>
        <translation>បង្ហាញ </translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>ឯកសារទាំងអស់ (*)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>ឯកសារទាំងអស់ (*)</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>ឯកសារ %1</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 មានរួចហើយ។
តើអ្នកចង់ជំនួសវាដែរឬទេ?</translation>
    </message>
    <message>
        <source>%1
File not found.
Please verify the correct file name was given.</source>
        <translation>%1
រកមិនឃើញឯកសារនេះទេ។
សូមពិនិត្យថាឈ្មោះឯកសារត្រឹមត្រូវ។</translation>
    </message>
    <message>
        <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
        <translation>%1
រកមិនឃើញថតនេះទេ។
សូមពិនិត្យថាឈ្មោះថតត្រឹមត្រូវ។</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is write protected.
Do you want to delete it anyway?</source>
        <translation>&apos;%1&apos; ត្រូវបានការពារមិនឱ្យកែប្រែ។
តើអ្នកនៅតែចង់លុបវាដែរឬទេ?</translation>
    </message>
    <message>
        <source>Are you sure you want to delete &apos;%1&apos;?</source>
        <translation>តើអ្នកប្រាកដជាចង់លុប &apos;%1&apos; មែនទេ?</translation>
    </message>
    <message>
        <source>Could not delete directory.</source>
        <translation>មិនអាចលុបថតនេះបានទេ។</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Name</source>
        <translation>ឈ្មោះ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>ទំហំ</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>ថ្ងៃកែប្រែ</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>កុំព្យូទ័រ</translation>
    </message>
    <message>
        <source>My Computer</source>
        <translation>កុំព្យូទ័ររបស់ខ្ញុំ</translation>
    </message>
    <message>
        <source>Invalid filename</source>
        <translation>ឈ្មោះឯកសារមិនត្រឹមត្រូវ</translation>
    </message>
    <message>
        <source>&lt;b&gt;The name &quot;%1&quot; cannot be used.&lt;/b&gt;&lt;p&gt;Try using another name, with fewer characters or no punctuation marks.</source>
        <translation>&lt;b&gt;មិនអាចប្រើឈ្មោះ &quot;%1&quot; បានទេ។&lt;/b&gt;&lt;p&gt;សូមប្រើឈ្មោះផ្សេង ដែលខ្លីជាងនេះ ឬគ្មានសញ្ញាវណ្ណយុត្តិ។</translation>
    </message>
    <message>
        <source>&lt;b&gt;The name &quot;%1&quot; can not be used.&lt;/b&gt;&lt;p&gt;Try using another name, with fewer characters or no punctuations marks.</source>
        <translation>&lt;b&gt;មិនអាចប្រើឈ្មោះ &quot;%1&quot; បានទេ។&lt;/b&gt;&lt;p&gt;សូមប្រើឈ្មោះផ្សេង ដែលខ្លីជាងនេះ ឬគ្មានសញ្ញាវណ្ណយុត្តិ។</translation>
    </message>
</context>
<context>
    <name>QInputDialog</name>
    <message>
        <source>Enter a value:</source>
        <translation>សូមបញ្ចូលតម្លៃ៖</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>មិនធ្វើវិញ (&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>ធ្វើវិញ (&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>កាត់ (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>ចម្លង (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>បិទភ្ជាប់ (&amp;P)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>លុប</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>ជ្រើសរើសទាំងអស់</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>បង្ហាញព័ត៌មានលម្អិត...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>លាក់ព័ត៌មានលម្អិត...</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>យល់ព្រម</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>រក្សាទុក</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>រក្សាទុកទាំងអស់</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>បើក</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>បាទ/ចាស (&amp;Y)</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>បាទ/ចាស ទាំងអស់ (&amp;A)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>ទេ (&amp;N)</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>ទេ ទាំងអស់ (&amp;O)</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>បញ្ឈប់</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>ព្យាយាមម្ដងទៀត</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>មិនអើពើ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>បោះបង់ចោល</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>ជំនួយ</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>អនុវត្ត</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>កំណត់ឡើងវិញ</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>ស្ដារលំនាំដើម</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
</context>
<context>
    <name>QScrollBar</name>
    <message>
        <source>Scroll here</source>
        <translation>រំកិលមកទីនេះ</translation>
    </message>
    <message>
        <source>Left edge</source>
        <translation>គែមខាងឆ្វេង</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>ខាងលើបំផុត</translation>
    </message>
    <message>
        <source>Right edge</source>
        <translation>គែមខាងស្ដាំ</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>ខាងក្រោមបំផុត</translation>
    </message>
    <message>
        <source>Page left</source>
        <translation>មួយទំព័រទៅឆ្វេង</translation>
    </message>
    <message>
        <source>Page up</source>
        <translation>មួយទំព័រឡើងលើ</translation>
    </message>
    <message>
        <source>Page right</source>
        <translation>មួយទំព័រទៅស្ដាំ</translation>
    </message>
    <message>
        <source>Page down</source>
        <translation>មួយទំព័រចុះក្រោម</translation>
    </message>
    <message>
        <source>Scroll left</source>
        <translation>រំកិលទៅឆ្វេង</translation>
    </message>
    <message>
        <source>Scroll up</source>
        <translation>រំកិលឡើងលើ</translation>
    </message>
    <message>
        <source>Scroll right</source>
        <translation>រំកិលទៅស្ដាំ</translation>
    </message>
    <message>
        <source>Scroll down</source>
        <translation>រំកិលចុះក្រោម</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <source>Scroll Left</source>
        <translation>រំកិលទៅឆ្វេង</translation>
    </message>
    <message>
        <source>Scroll Right</source>
        <translation>រំកិលទៅស្ដាំ</translation>
    </message>
</context>
<context>
    <name>QUnicodeControlCharacterMenu</name>
    <message>
        <source>Insert Unicode control character</source>
        <translation>បញ្ចូលតួអក្សរបញ្ជាយូនីកូដ</translation>
    </message>
    <message>
        <source>LRM Left-to-right mark</source>
        <translation>LRM សញ្ញាពីឆ្វេងទៅស្ដាំ</translation>
    </message>
    <message>
        <source>RLM Right-to-left mark</source>
        <translation>RLM សញ្ញាពីស្ដាំទៅឆ្វេង</translation>
    </message>
    <message>
        <source>ZWJ Zero width joiner</source>
        <translation>ZWJ តួភ្ជាប់គ្មានទទឹង</translation>
    </message>
    <message>
        <source>ZWNJ Zero width non-joiner</source>
        <translation>ZWNJ តួផ្ដាច់គ្មានទទឹង</translation>
    </message>
    <message>
        <source>ZWSP Zero width space</source>
        <translation>ZWSP ដកឃ្លាគ្មានទទឹង</translation>
    </message>
    <message>
        <source>LRE Start of left-to-right embedding</source>
        <translation>LRE ចាប់ផ្ដើមអត្ថបទបង្កប់ពីឆ្វេងទៅស្ដាំ</translation>
    </message>
    <message>
        <source>RLE Start of right-to-left embedding</source>
        <translation>RLE ចាប់ផ្ដើមអត្ថបទបង្កប់ពីស្ដាំទៅឆ្វេង</translation>
    </message>
    <message>
        <source>LRO Start of left-to-right override</source>
        <translation>LRO ចាប់ផ្ដើមបង្ខំទិសពីឆ្វេងទៅស្ដាំ</translation>
    </message>
    <message>
        <source>RLO Start of right-to-left override</source>
        <translation>RLO ចាប់ផ្ដើមបង្ខំទិសពីស្ដាំទៅឆ្វេង</translation>
    </message>
    <message>
        <source>PDF Pop directional formatting</source>
        <translation>PDF បញ្ចប់ការកំណត់ទិស</translation>
    </message>
    <message>
        <source>LRI Left-to-right isolate</source>
        <translation>LRI ផ្នែកដាច់ដោយឡែកពីឆ្វេងទៅស្ដាំ</translation>
    </message>
    <message>
        <source>RLI Right-to-left isolate</source>
        <translation>RLI ផ្នែកដាច់ដោយឡែកពីស្ដាំទៅឆ្វេង</translation>
    </message>
    <message>
        <source>FSI First strong isolate</source>
        <translation>FSI ផ្នែកដាច់ដោយឡែកតាមទិសតួអក្សរដំបូង</translation>
    </message>
    <message>
        <source>PDI Pop directional isolate</source>
        <translation>PDI បញ្ចប់ផ្នែកដាច់ដោយឡែក</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>មិនធ្វើវិញ (&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>ធ្វើវិញ (&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>កាត់ (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>ចម្លង (&amp;C)</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>ចម្លងអាសយដ្ឋានតំណ (&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>បិទភ្ជាប់ (&amp;P)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>លុប</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>ជ្រើសរើសទាំងអស់</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a backup - ISAF Desk</source>
        <translation>ស្ដារច្បាប់ចម្លងបម្រុងទុក - ISAF Desk</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>កាលបរិច្ឆេទបង្កើត</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>ច្បាប់ចម្លងបម្រុងទុក</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>ពាក្យសម្ងាត់របស់អ្នក</translation>
    </message>
    <message>
        <source>Put this copy back…</source>
        <translation>ស្ដារច្បាប់ចម្លងបម្រុងទុកនេះ…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <source>ISAF Desk keeps copies of the data of {0} on this computer: one a day (the last {1}) and one before each upgrade. Put one back only when the data cannot be used any more, or on the advice of {2}.</source>
        <translation>ISAF Desk រក្សាទុកច្បាប់ចម្លងបម្រុងទុកនៃទិន្នន័យរបស់ {0} នៅលើកុំព្យូទ័រនេះ៖ មួយរៀងរាល់ថ្ងៃ ({1} ច្បាប់ចុងក្រោយ) និងមួយមុនពេលធ្វើបច្ចុប្បន្នភាពនីមួយៗ។ សូមស្ដារច្បាប់ចម្លងបម្រុងទុក តែនៅពេលដែលទិន្នន័យមិនអាចប្រើបានទៀត ឬតាមដំបូន្មានរបស់{2}ប៉ុណ្ណោះ។</translation>
    </message>
    <message>
        <source>There is no copy of the data of {0} on this computer yet: ISAF Desk makes one at the first sign-in of each day.</source>
        <translation>មិនទាន់មានច្បាប់ចម្លងបម្រុងទុកនៃទិន្នន័យរបស់ {0} នៅលើកុំព្យូទ័រនេះនៅឡើយទេ៖ ISAF Desk បង្កើតច្បាប់ចម្លងបម្រុងទុកមួយ នៅពេលចូលប្រើលើកដំបូងនៃថ្ងៃនីមួយៗ។</translation>
    </message>
    <message>
        <source>The day&apos;s copy, made at sign-in</source>
        <translation>ច្បាប់ចម្លងបម្រុងទុកប្រចាំថ្ងៃ ដែលបានបង្កើតពេលចូលប្រើ</translation>
    </message>
    <message>
        <source>The data as it was before a copy was put back</source>
        <translation>ទិន្នន័យដូចដែលមាន មុនពេលស្ដារច្បាប់ចម្លងបម្រុងទុក</translation>
    </message>
    <message>
        <source>Before an upgrade of ISAF Desk</source>
        <translation>មុនពេលធ្វើបច្ចុប្បន្នភាព ISAF Desk</translation>
    </message>
    <message>
        <source>Choose a copy and type your password.</source>
        <translation>សូមជ្រើសរើសច្បាប់ចម្លងបម្រុងទុកមួយ ហើយវាយពាក្យសម្ងាត់របស់អ្នក។</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>ស្ដារច្បាប់ចម្លងបម្រុងទុក</translation>
    </message>
    <message>
        <source>Put back the copy of {0}?

What was typed on this computer after {0} and not sent to the server is not in it. The data as it is now is kept as a copy too, so this can be undone.</source>
        <translation>ស្ដារច្បាប់ចម្លងបម្រុងទុកនៃ {0} ឬ?

អ្វីដែលបានវាយនៅលើកុំព្យូទ័រនេះ ក្រោយ {0} ហើយមិនទាន់បានផ្ញើទៅម៉ាស៊ីនមេ មិនមាននៅក្នុងច្បាប់ចម្លងបម្រុងទុកនេះទេ។ ទិន្នន័យដូចដែលមានឥឡូវនេះ ក៏ត្រូវបានរក្សាទុកជាច្បាប់ចម្លងបម្រុងទុកដែរ ដូច្នេះអាចត្រឡប់វិញបាន។</translation>
    </message>
    <message>
        <source>Put this copy back</source>
        <translation>ស្ដារច្បាប់ចម្លងបម្រុងទុកនេះ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <source>Putting the copy back…</source>
        <translation>កំពុងស្ដារច្បាប់ចម្លងបម្រុងទុក…</translation>
    </message>
    <message>
        <source>The copy of {0} is back. Sign in to go on; your next sync sends what it holds and brings what the server has.</source>
        <translation>បានស្ដារច្បាប់ចម្លងបម្រុងទុកនៃ {0} រួចហើយ។ សូមចូលប្រើ ដើម្បីបន្ត។ ការធ្វើសមកាលកម្មលើកក្រោយរបស់អ្នក នឹងផ្ញើអ្វីដែលមានក្នុងច្បាប់ចម្លងបម្រុងទុកនេះ ហើយនាំយកអ្វីដែលម៉ាស៊ីនមេមាន។</translation>
    </message>
    <message>
        <source>Too many wrong passwords: wait {0} minute(s), then try again.</source>
        <translation>វាយពាក្យសម្ងាត់ខុសច្រើនដងពេក៖ សូមរង់ចាំ {0} នាទី រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>Wrong password: nothing was put back.</source>
        <translation>ពាក្យសម្ងាត់ខុស៖ គ្មានអ្វីត្រូវបានស្ដារទេ។</translation>
    </message>
    <message>
        <source>This account&apos;s data is open in ISAF Desk or in a command on this computer: close it first. Nothing was put back.</source>
        <translation>ទិន្នន័យរបស់គណនីនេះ កំពុងបើកក្នុង ISAF Desk ឬក្នុងពាក្យបញ្ជាមួយ នៅលើកុំព្យូទ័រនេះ៖ សូមបិទវាជាមុនសិន។ គ្មានអ្វីត្រូវបានស្ដារទេ។</translation>
    </message>
    <message>
        <source>This copy cannot be put back: {0}</source>
        <translation>មិនអាចស្ដារច្បាប់ចម្លងបម្រុងទុកនេះបានទេ៖ {0}</translation>
    </message>
    <message>
        <source>Nothing was put back: {0}</source>
        <translation>គ្មានអ្វីត្រូវបានស្ដារទេ៖ {0}</translation>
    </message>
    <message>
        <source>To put a copy of your data back, ISAF Desk signs you out first: nothing unsaved is lost (typing is kept as a draft). Then choose the copy and type your password.</source>
        <translation>ដើម្បីស្ដារច្បាប់ចម្លងបម្រុងទុកនៃទិន្នន័យរបស់អ្នក ISAF Desk នឹងចាកចេញពីគណនីរបស់អ្នកជាមុនសិន៖ គ្មានអ្វីដែលមិនទាន់រក្សាទុក បាត់បង់ទេ (អ្វីដែលអ្នកបានវាយ ត្រូវបានទុកជាសេចក្ដីព្រាង)។ បន្ទាប់មក សូមជ្រើសរើសច្បាប់ចម្លងបម្រុងទុក ហើយវាយពាក្យសម្ងាត់របស់អ្នក។</translation>
    </message>
    <message>
        <source>Sign out and choose a copy</source>
        <translation>ចាកចេញ ហើយជ្រើសរើសច្បាប់ចម្លងបម្រុងទុក</translation>
    </message>
</context>
<context>
    <name>ServerAddress</name>
    <message>
        <source>Type the server address.</source>
        <translation>សូមវាយអាសយដ្ឋានម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>The server address cannot contain spaces.</source>
        <translation>អាសយដ្ឋានម៉ាស៊ីនមេ មិនអាចមានដកឃ្លាបានទេ។</translation>
    </message>
    <message>
        <source>The server address starts with http:// or https://, not {0}.</source>
        <translation>អាសយដ្ឋានម៉ាស៊ីនមេ ចាប់ផ្ដើមដោយ http:// ឬ https:// មិនមែន {0} ទេ។</translation>
    </message>
    <message>
        <source>Do not put a user name or password in the server address: type them in their own boxes.</source>
        <translation>កុំដាក់ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់ ក្នុងអាសយដ្ឋានម៉ាស៊ីនមេ៖ សូមវាយវានៅក្នុងប្រអប់រៀងៗខ្លួន។</translation>
    </message>
    <message>
        <source>&quot;{0}&quot; in the server address is not a computer name or an IP address.</source>
        <translation>«{0}» ក្នុងអាសយដ្ឋានម៉ាស៊ីនមេ មិនមែនជាឈ្មោះកុំព្យូទ័រ ឬអាសយដ្ឋាន IP ទេ។</translation>
    </message>
    <message>
        <source>The port (the number after the colon) is missing from the server address.</source>
        <translation>អាសយដ្ឋានម៉ាស៊ីនមេ ខ្វះលេខច្រក (លេខនៅក្រោយសញ្ញា «:»)។</translation>
    </message>
    <message>
        <source>The port &quot;{0}&quot; in the server address is not right: it is one number, from 1 to 65535.</source>
        <translation>លេខច្រក «{0}» ក្នុងអាសយដ្ឋានម៉ាស៊ីនមេ មិនត្រឹមត្រូវទេ៖ វាត្រូវតែជាលេខតែមួយ ពី ១ ដល់ ៦៥៥៣៥។</translation>
    </message>
    <message>
        <source>Remove &quot;{0}&quot; from the server address: it ends after the computer name and the port.</source>
        <translation>សូមលុប «{0}» ចេញពីអាសយដ្ឋានម៉ាស៊ីនមេ៖ អាសយដ្ឋានបញ្ចប់ត្រឹមឈ្មោះកុំព្យូទ័រ និងលេខច្រក។</translation>
    </message>
    <message>
        <source>Type it like {0}</source>
        <translation>សូមវាយតាមទម្រង់នេះ៖ {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>ការកំណត់</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ភាសា (&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Text size</source>
        <translation>ទំហំអក្សរ (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Server address</source>
        <translation>អាសយដ្ឋានម៉ាស៊ីនមេ (&amp;S)</translation>
    </message>
    <message>
        <source>Used from the next sign-in. Ask your district or national office for it.</source>
        <translation>ប្រើចាប់ពីការចូលប្រើលើកក្រោយ។ សូមសួររដ្ឋបាលស្រុក ឬថ្នាក់ជាតិ ដើម្បីដឹងអាសយដ្ឋាននេះ។</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in - ISAF Desk</source>
        <translation>ចូលប្រើ - ISAF Desk</translation>
    </message>
    <message>
        <source>ISAF Desk</source>
        <translation>ISAF Desk</translation>
    </message>
    <message>
        <source>Sign in with the user name and password your district or national office gave you.</source>
        <translation>សូមចូលប្រើ ដោយប្រើឈ្មោះអ្នកប្រើ និងពាក្យសម្ងាត់ ដែលរដ្ឋបាលស្រុក ឬថ្នាក់ជាតិបានផ្ដល់ឱ្យអ្នក។</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>ឈ្មោះអ្នកប្រើ (&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>ពាក្យសម្ងាត់ (&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Server address</source>
        <translation>អាសយដ្ឋានម៉ាស៊ីនមេ (&amp;S)</translation>
    </message>
    <message>
        <source>The first sign-in on this computer needs a connection to the server. After that you can sign in without a connection for {0} days after your last sign-in with a connection.</source>
        <translation>ការចូលប្រើលើកដំបូង នៅលើកុំព្យូទ័រនេះ ត្រូវតែភ្ជាប់ទៅម៉ាស៊ីនមេ។ បន្ទាប់មក អ្នកអាចចូលប្រើ ដោយគ្មានការភ្ជាប់បាន រយៈពេល {0} ថ្ងៃ គិតចាប់ពីការចូលប្រើចុងក្រោយ ដែលមានការភ្ជាប់។</translation>
    </message>
    <message>
        <source>The address your district or national office gave you, for example http://192.168.1.10:5000. It is kept for the next sign-in.</source>
        <translation>អាសយដ្ឋានដែលរដ្ឋបាលស្រុក ឬថ្នាក់ជាតិបានផ្ដល់ឱ្យអ្នក ឧទាហរណ៍ http://192.168.1.10:5000 ។ វានឹងត្រូវរក្សាទុក សម្រាប់ការចូលប្រើលើកក្រោយ។</translation>
    </message>
    <message>
        <source>for example {0}</source>
        <translation>ឧទាហរណ៍ {0}</translation>
    </message>
    <message>
        <source>Without a connection, the password of your last sign-in with a connection on this computer works for {0} days.</source>
        <translation>ពេលគ្មានការភ្ជាប់ ពាក្យសម្ងាត់នៃការចូលប្រើចុងក្រោយ ដែលមានការភ្ជាប់នៅលើកុំព្យូទ័រនេះ អាចប្រើបានរយៈពេល {0} ថ្ងៃ។</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>ចូលប្រើ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>ស្ដារច្បាប់ចម្លងបម្រុងទុក…</translation>
    </message>
    <message>
        <source>Put back a copy of the data of the account typed above</source>
        <translation>ស្ដារច្បាប់ចម្លងបម្រុងទុកនៃទិន្នន័យរបស់គណនី ដែលបានវាយខាងលើ</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>ជំនួយ</translation>
    </message>
    <message>
        <source>The user guide (F1)</source>
        <translation>សៀវភៅណែនាំអ្នកប្រើ (F1)</translation>
    </message>
    <message>
        <source>Signing in...</source>
        <translation>កំពុងចូលប្រើ...</translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation>សូមវាយឈ្មោះអ្នកប្រើ។</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>សូមវាយពាក្យសម្ងាត់។</translation>
    </message>
    <message>
        <source>Type the server address.</source>
        <translation>សូមវាយអាសយដ្ឋានម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>The server no longer accepts this password, although it is the one of your last sign-in on this computer: your password was changed by an administrator, or your account was deactivated. Use the new password you were given; if you do not have one, ask {0}.</source>
        <translation>ម៉ាស៊ីនមេលែងទទួលយកពាក្យសម្ងាត់នេះទៀតហើយ ទោះបីវាជាពាក្យសម្ងាត់នៃការចូលប្រើចុងក្រោយរបស់អ្នក នៅលើកុំព្យូទ័រនេះក៏ដោយ៖ ពាក្យសម្ងាត់របស់អ្នកត្រូវបានប្ដូរដោយអ្នកគ្រប់គ្រង ឬគណនីរបស់អ្នកត្រូវបានបិទ។ សូមប្រើពាក្យសម្ងាត់ថ្មី ដែលអ្នកបានទទួល។ បើអ្នកមិនមានទេ សូមសួរ{0}។</translation>
    </message>
    <message>
        <source>{0} Your password was set by an administrator, and you must choose your own before you can work. That needs a connection to the server: connect, then sign in again.</source>
        <translation>{0} ពាក្យសម្ងាត់របស់អ្នក ត្រូវបានកំណត់ដោយអ្នកគ្រប់គ្រង ហើយអ្នកត្រូវជ្រើសរើសពាក្យសម្ងាត់ផ្ទាល់ខ្លួន មុនពេលអាចធ្វើការបាន។ ការនេះត្រូវការការភ្ជាប់ទៅម៉ាស៊ីនមេ៖ សូមភ្ជាប់ រួចចូលប្រើម្ដងទៀត។</translation>
    </message>
    <message>
        <source>You are signed out: you must choose your own password before you can work. Sign in again when you are ready to choose it.</source>
        <translation>អ្នកបានចាកចេញហើយ៖ អ្នកត្រូវជ្រើសរើសពាក្យសម្ងាត់ផ្ទាល់ខ្លួន មុនពេលអាចធ្វើការបាន។ សូមចូលប្រើម្ដងទៀត នៅពេលអ្នករួចរាល់ក្នុងការជ្រើសរើសវា។</translation>
    </message>
    <message>
        <source>{0} This account has never signed in on this computer. The first sign-in needs a connection to the server: check the network and the server address, then try again.</source>
        <translation>{0} គណនីនេះ មិនដែលចូលប្រើនៅលើកុំព្យូទ័រនេះពីមុនទេ។ ការចូលប្រើលើកដំបូង ត្រូវតែភ្ជាប់ទៅម៉ាស៊ីនមេ៖ សូមពិនិត្យបណ្ដាញ និងអាសយដ្ឋានម៉ាស៊ីនមេ រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>{0} Your last sign-in with a connection was more than {1} days ago. Connect to the server once to keep working on this computer.</source>
        <translation>{0} ការចូលប្រើចុងក្រោយ ដែលមានការភ្ជាប់ គឺលើសពី {1} ថ្ងៃមកហើយ។ សូមភ្ជាប់ទៅម៉ាស៊ីនមេម្ដង ដើម្បីបន្តធ្វើការនៅលើកុំព្យូទ័រនេះ។</translation>
    </message>
    <message>
        <source>Too many wrong passwords on this computer: wait {0} minute(s), then try again.</source>
        <translation>វាយពាក្យសម្ងាត់ខុសច្រើនដងពេកនៅលើកុំព្យូទ័រនេះ៖ សូមរង់ចាំ {0} នាទី រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>This account&apos;s data is missing from this computer: {0} was not found. It was there after your last sign-in, so it was deleted or moved. A copy ISAF Desk kept on this computer may hold the changes that were not sent: Restore a backup… on this screen. Or sign in with a connection to the server to start again from the server&apos;s copy.</source>
        <translation>ទិន្នន័យរបស់គណនីនេះ បាត់ពីកុំព្យូទ័រនេះ៖ រកមិនឃើញ {0} ទេ។ វាមាននៅទីនោះក្រោយការចូលប្រើចុងក្រោយរបស់អ្នក ដូច្នេះវាត្រូវបានលុប ឬផ្លាស់ទីតាំង។ ច្បាប់ចម្លងបម្រុងទុក ដែល ISAF Desk បានរក្សាទុកនៅលើកុំព្យូទ័រនេះ អាចមានការផ្លាស់ប្ដូរដែលមិនទាន់បានផ្ញើ៖ សូមចុច «ស្ដារច្បាប់ចម្លងបម្រុងទុក…» នៅលើផ្ទាំងនេះ។ ឬចូលប្រើដោយភ្ជាប់ទៅម៉ាស៊ីនមេ ដើម្បីចាប់ផ្ដើមឡើងវិញពីច្បាប់ចម្លងរបស់ម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>Type the user name of an account that signed in on this computer first.</source>
        <translation>សូមវាយឈ្មោះអ្នកប្រើ នៃគណនីដែលធ្លាប់ចូលប្រើនៅលើកុំព្យូទ័រនេះ ជាមុនសិន។</translation>
    </message>
    <message>
        <source>This account&apos;s data is missing from this computer: {0} was not found. It was deleted or moved since your last sign-in.

Start again from the server&apos;s copy? Changes made on this computer and not yet sent to the server are not in it. A copy ISAF Desk kept on this computer may still hold them: to look first, choose Cancel, then Restore a backup….</source>
        <translation>ទិន្នន័យរបស់គណនីនេះ បាត់ពីកុំព្យូទ័រនេះ៖ រកមិនឃើញ {0} ទេ។ វាត្រូវបានលុប ឬផ្លាស់ទីតាំង តាំងពីការចូលប្រើចុងក្រោយរបស់អ្នក។

ចាប់ផ្ដើមឡើងវិញពីច្បាប់ចម្លងរបស់ម៉ាស៊ីនមេឬ? ការផ្លាស់ប្ដូរដែលបានធ្វើនៅលើកុំព្យូទ័រនេះ ហើយមិនទាន់បានផ្ញើទៅម៉ាស៊ីនមេ មិនមាននៅក្នុងច្បាប់ចម្លងនោះទេ។ ច្បាប់ចម្លងបម្រុងទុក ដែល ISAF Desk បានរក្សាទុកនៅលើកុំព្យូទ័រនេះ ប្រហែលជានៅតែមានការផ្លាស់ប្ដូរទាំងនោះ៖ ដើម្បីពិនិត្យមើលជាមុនសិន សូមជ្រើសរើស «បោះបង់» រួច «ស្ដារច្បាប់ចម្លងបម្រុងទុក…»។</translation>
    </message>
    <message>
        <source>This account&apos;s data is missing from this computer: {0} was not found. It was there after your last sign-in, so it was deleted or moved. Changes in it that were not sent to the server cannot be recovered here, and automatic backups are not available yet. Sign in with a connection to the server to start again from the server&apos;s copy.</source>
        <translation type="vanished">ទិន្នន័យរបស់គណនីនេះ បាត់ពីកុំព្យូទ័រនេះ៖ រកមិនឃើញ {0} ទេ។ វាមាននៅទីនោះក្រោយការចូលប្រើចុងក្រោយរបស់អ្នក ដូច្នេះវាត្រូវបានលុប ឬផ្លាស់ទីតាំង។ ការផ្លាស់ប្ដូរក្នុងនោះ ដែលមិនទាន់បានផ្ញើទៅម៉ាស៊ីនមេ មិនអាចយកមកវិញនៅទីនេះបានទេ ហើយការបម្រុងទុកដោយស្វ័យប្រវត្តិ មិនទាន់មាននៅឡើយទេ។ សូមចូលប្រើដោយភ្ជាប់ទៅម៉ាស៊ីនមេ ដើម្បីចាប់ផ្ដើមឡើងវិញពីច្បាប់ចម្លងរបស់ម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>Data missing - ISAF Desk</source>
        <translation>ទិន្នន័យបាត់ - ISAF Desk</translation>
    </message>
    <message>
        <source>This account&apos;s data is missing from this computer: {0} was not found. It was deleted or moved since your last sign-in.

Start again from the server&apos;s copy? Changes made on this computer and not yet sent to the server are lost: they cannot be recovered here, and automatic backups are not available yet.</source>
        <translation type="vanished">ទិន្នន័យរបស់គណនីនេះ បាត់ពីកុំព្យូទ័រនេះ៖ រកមិនឃើញ {0} ទេ។ វាត្រូវបានលុប ឬផ្លាស់ទីតាំង តាំងពីការចូលប្រើចុងក្រោយរបស់អ្នក។

ចាប់ផ្ដើមឡើងវិញពីច្បាប់ចម្លងរបស់ម៉ាស៊ីនមេឬ? ការផ្លាស់ប្ដូរដែលបានធ្វើនៅលើកុំព្យូទ័រនេះ ហើយមិនទាន់បានផ្ញើទៅម៉ាស៊ីនមេ នឹងបាត់បង់៖ មិនអាចយកមកវិញនៅទីនេះបានទេ ហើយការបម្រុងទុកដោយស្វ័យប្រវត្តិ មិនទាន់មាននៅឡើយទេ។</translation>
    </message>
    <message>
        <source>Start again from the server&apos;s copy</source>
        <translation>ចាប់ផ្ដើមឡើងវិញពីច្បាប់ចម្លងរបស់ម៉ាស៊ីនមេ</translation>
    </message>
    <message>
        <source>The server could not be reached: working offline. Your work is kept on this computer and sent at the next sync.</source>
        <translation type="vanished">មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបានទេ៖ កំពុងធ្វើការក្រៅបណ្ដាញ។ ការងាររបស់អ្នកត្រូវបានរក្សាទុក នៅលើកុំព្យូទ័រនេះ ហើយនឹងត្រូវផ្ញើ ពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <source>The user name or password is not right. Check them and try again.</source>
        <translation>ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវទេ។ សូមពិនិត្យ ហើយព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>The user name or password is not right. (The server could not be reached, so the password was checked against your last sign-in on this computer.)</source>
        <translation>ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវទេ។ (មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបាន ដូច្នេះពាក្យសម្ងាត់ត្រូវបានផ្ទៀងផ្ទាត់ ជាមួយការចូលប្រើចុងក្រោយរបស់អ្នក នៅលើកុំព្យូទ័រនេះ។)</translation>
    </message>
    <message>
        <source>Working offline. {0} Your work is kept on this computer and sent at the next sync.</source>
        <translation>កំពុងធ្វើការក្រៅបណ្ដាញ។ {0} ការងាររបស់អ្នកត្រូវបានរក្សាទុក នៅលើកុំព្យូទ័រនេះ ហើយនឹងត្រូវផ្ញើ ពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Wait 15 minutes, then try again.</source>
        <translation>វាយពាក្យសម្ងាត់ខុសច្រើនដងពេក។ សូមរង់ចាំ ១៥ នាទី រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>The server could not be reached, and this account has never signed in on this computer. The first sign-in needs a connection to the server: check the network and the server address, then try again.</source>
        <translation type="vanished">មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបានទេ ហើយគណនីនេះ មិនដែលចូលប្រើនៅលើកុំព្យូទ័រនេះពីមុនទេ។ ការចូលប្រើលើកដំបូង ត្រូវតែភ្ជាប់ទៅម៉ាស៊ីនមេ៖ សូមពិនិត្យបណ្ដាញ និងអាសយដ្ឋានម៉ាស៊ីនមេ រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>The server could not be reached, and your last sign-in with a connection was more than {0} days ago. Connect to the server once to keep working on this computer.</source>
        <translation type="vanished">មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបានទេ ហើយការចូលប្រើចុងក្រោយ ដែលមានការភ្ជាប់ គឺលើសពី {0} ថ្ងៃមកហើយ។ សូមភ្ជាប់ទៅម៉ាស៊ីនមេម្ដង ដើម្បីបន្តធ្វើការនៅលើកុំព្យូទ័រនេះ។</translation>
    </message>
    <message>
        <source>The server refused the sign-in: {0}</source>
        <translation>ម៉ាស៊ីនមេបានបដិសេធការចូលប្រើ៖ {0}</translation>
    </message>
    <message>
        <source>Could not sign in: {0}</source>
        <translation>មិនអាចចូលប្រើបានទេ៖ {0}</translation>
    </message>
</context>
<context>
    <name>StandardsModel</name>
    <message>
        <source>Indicator</source>
        <translation>សូចនាករ</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>ឆ្នាំនេះ</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>ស្ដង់ដារ</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>លទ្ធផល</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>ឆ្នាំមុន</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>ការប្រែប្រួល</translation>
    </message>
    <message>
        <source>District average</source>
        <translation>មធ្យមភាគស្រុក</translation>
    </message>
    <message>
        <source>{0} of {1} units meet the standard</source>
        <translation>អង្គភាព {0} ក្នុងចំណោម {1} សម្រេចស្ដង់ដារ</translation>
    </message>
    <message>
        <source>over {0} units</source>
        <translation>លើអង្គភាព {0}</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>no form</source>
        <translation>គ្មានទម្រង់</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>សេចក្ដីព្រាង</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>បានដាក់ស្នើ</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>បានប្រគល់ត្រឡប់</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>បានអនុម័ត</translation>
    </message>
    <message>
        <source>published</source>
        <translation>បានផ្សព្វផ្សាយ</translation>
    </message>
</context>
<context>
    <name>StoreProblem</name>
    <message>
        <source>Not saved: this account&apos;s data file was replaced by another file while ISAF Desk was open ({0}). Write down what you typed, then close ISAF Desk and sign in again.</source>
        <translation>មិនបានរក្សាទុកទេ៖ ឯកសារទិន្នន័យរបស់គណនីនេះ ត្រូវបានជំនួសដោយឯកសារផ្សេង ខណៈពេល ISAF Desk កំពុងបើក ({0})។ សូមកត់ត្រាអ្វីដែលអ្នកបានវាយ រួចបិទ ISAF Desk ហើយចូលប្រើម្ដងទៀត។</translation>
    </message>
    <message>
        <source>Not saved: this account&apos;s data file was deleted or moved while ISAF Desk was open ({0}). Write down what you typed, then close ISAF Desk and sign in again with a connection to the server.</source>
        <translation>មិនបានរក្សាទុកទេ៖ ឯកសារទិន្នន័យរបស់គណនីនេះ ត្រូវបានលុប ឬផ្លាស់ទីតាំង ខណៈពេល ISAF Desk កំពុងបើក ({0})។ សូមកត់ត្រាអ្វីដែលអ្នកបានវាយ រួចបិទ ISAF Desk ហើយចូលប្រើម្ដងទៀត ដោយភ្ជាប់ទៅម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>This account&apos;s data file cannot be written: it is read-only ({0}). Nothing was saved. Ask whoever looks after this computer to allow writing to the file and its folder.</source>
        <translation>មិនអាចសរសេរចូលឯកសារទិន្នន័យរបស់គណនីនេះបានទេ៖ វាអាចអានបានតែប៉ុណ្ណោះ ({0})។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។ សូមស្នើអ្នកថែទាំកុំព្យូទ័រនេះ ឱ្យអនុញ្ញាតការសរសេរចូលឯកសារ និងថតរបស់វា។</translation>
    </message>
    <message>
        <source>This account&apos;s data file cannot be read: it is damaged, or it is not an ISAF Desk data file ({0}). It is left as it is. Ask your district office for help.</source>
        <translation>មិនអាចអានឯកសារទិន្នន័យរបស់គណនីនេះបានទេ៖ វាខូច ឬមិនមែនជាឯកសារទិន្នន័យ ISAF Desk ({0})។ ឯកសារនេះត្រូវបានទុកដដែល។ សូមស្នើជំនួយពីរដ្ឋបាលស្រុក។</translation>
    </message>
    <message>
        <source>The computer&apos;s disk is full or could not be written ({0}). Nothing was saved. Free some space, then try again.</source>
        <translation>ថាសរបស់កុំព្យូទ័រពេញ ឬមិនអាចសរសេរចូលបានទេ ({0})។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។ សូមសម្អាតទំហំផ្ទុកខ្លះ រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>This account&apos;s data file cannot be unlocked with this password ({0}): it is locked with the password of the last sign-in on this computer, or it is damaged. It is left as it is. Sign in with a connection to the server, or ask your district office for help.</source>
        <translation>មិនអាចដោះសោឯកសារទិន្នន័យរបស់គណនីនេះ ដោយពាក្យសម្ងាត់នេះបានទេ ({0})៖ វាត្រូវបានចាក់សោដោយពាក្យសម្ងាត់នៃការចូលប្រើចុងក្រោយនៅលើកុំព្យូទ័រនេះ ឬវាខូច។ ឯកសារនេះត្រូវបានទុកដដែល។ សូមចូលប្រើដោយភ្ជាប់ទៅម៉ាស៊ីនមេ ឬស្នើជំនួយពីរដ្ឋបាលស្រុករបស់អ្នក។</translation>
    </message>
    <message>
        <source>This account&apos;s data could not be protected with its password yet ({0}): the disk may be full. It is left as it was. Free some space, then sign in again.</source>
        <translation>ទិន្នន័យរបស់គណនីនេះ មិនទាន់អាចការពារដោយពាក្យសម្ងាត់របស់វាបាននៅឡើយទេ ({0})៖ ថាសប្រហែលជាពេញ។ ទិន្នន័យនេះត្រូវបានទុកដូចដើម។ សូមសម្អាតទំហំផ្ទុកខ្លះ រួចចូលប្រើម្ដងទៀត។</translation>
    </message>
    <message>
        <source>This account&apos;s data was written by a newer version of ISAF Desk ({0}). Install that version again (or a newer one) to open it; nothing in it was changed.</source>
        <translation>ទិន្នន័យរបស់គណនីនេះ ត្រូវបានសរសេរដោយកំណែ ISAF Desk ថ្មីជាង ({0})។ សូមដំឡើងកំណែនោះម្ដងទៀត (ឬកំណែថ្មីជាងនោះ) ដើម្បីបើកវា។ គ្មានអ្វីនៅក្នុងវាត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <source>This account&apos;s data could not be brought up to this version of ISAF Desk ({0}). Nothing in it was changed, and a copy made before is kept (Restore a backup…). Tell your district office.</source>
        <translation>មិនអាចធ្វើឱ្យទិន្នន័យរបស់គណនីនេះ ស្របតាមកំណែ ISAF Desk នេះបានទេ ({0})។ គ្មានអ្វីនៅក្នុងវាត្រូវបានផ្លាស់ប្ដូរទេ ហើយច្បាប់ចម្លងបម្រុងទុកដែលបានធ្វើពីមុន ត្រូវបានរក្សាទុក («ស្ដារច្បាប់ចម្លងបម្រុងទុក…»)។ សូមប្រាប់រដ្ឋបាលស្រុករបស់អ្នក។</translation>
    </message>
    <message>
        <source>This account&apos;s data is already open in ISAF Desk on this computer (in another window, or in a command that is running). Close it first, then try again.</source>
        <translation>ទិន្នន័យរបស់គណនីនេះ កំពុងបើកក្នុង ISAF Desk នៅលើកុំព្យូទ័រនេះរួចហើយ (ក្នុងផ្ទាំងមួយទៀត ឬក្នុងពាក្យបញ្ជាដែលកំពុងដំណើរការ)។ សូមបិទវាជាមុនសិន រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>This account&apos;s data file cannot be used ({0}). Nothing was saved.</source>
        <translation>មិនអាចប្រើឯកសារទិន្នន័យរបស់គណនីនេះបានទេ ({0})។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>The server is older than this version of ISAF Desk, so this computer cannot sync with it yet. Your changes are kept here and nothing was sent: tell {0} that the server must be upgraded. You can keep working offline.</source>
        <translation>ម៉ាស៊ីនមេចាស់ជាងកំណែ ISAF Desk នេះ ដូច្នេះកុំព្យូទ័រនេះមិនទាន់អាចធ្វើសមកាលកម្មជាមួយវាបានទេ។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុកនៅទីនេះ ហើយគ្មានអ្វីត្រូវបានផ្ញើទេ៖ សូមប្រាប់{0}ថា ម៉ាស៊ីនមេត្រូវតែធ្វើបច្ចុប្បន្នភាព។ អ្នកអាចបន្តធ្វើការក្រៅបណ្ដាញបាន។</translation>
    </message>
    <message>
        <source>This version of ISAF Desk is too old for the server. Your changes are kept and nothing was sent: ask {0} for the new version, install it, then sync. You can keep working offline.</source>
        <translation>កំណែ ISAF Desk នេះចាស់ពេកសម្រាប់ម៉ាស៊ីនមេ។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក ហើយគ្មានអ្វីត្រូវបានផ្ញើទេ៖ សូមសុំកំណែថ្មីពី{0} ដំឡើងវា រួចធ្វើសមកាលកម្ម។ អ្នកអាចបន្តធ្វើការក្រៅបណ្ដាញបាន។</translation>
    </message>
    <message>
        <source>Sync cancelled. What was sent or received so far is kept.</source>
        <translation>បានបោះបង់ការធ្វើសមកាលកម្ម។ អ្វីដែលបានផ្ញើ ឬទទួលរួចហើយ ត្រូវបានរក្សាទុក។</translation>
    </message>
    <message>
        <source>Your changes are kept on this computer and will be sent next time.</source>
        <translation>ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក នៅលើកុំព្យូទ័រនេះ ហើយនឹងត្រូវផ្ញើនៅពេលក្រោយ។</translation>
    </message>
    <message>
        <source>The server could not be reached. Your changes are kept on this computer and will be sent next time.</source>
        <translation>មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបានទេ។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក នៅលើកុំព្យូទ័រនេះ ហើយនឹងត្រូវផ្ញើនៅពេលក្រោយ។</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Sign out and sign in again while connected; your changes are kept.</source>
        <translation>ការចូលប្រើរបស់អ្នកផុតកំណត់ហើយ។ សូមចាកចេញ រួចចូលប្រើម្ដងទៀត ពេលមានការភ្ជាប់។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក។</translation>
    </message>
    <message>
        <source>The server refused: your account may not do this (your role or your area changed, perhaps). Your changes are kept. Sign out and sign in again while connected; if it persists, ask {0}.</source>
        <translation>ម៉ាស៊ីនមេបានបដិសេធ៖ គណនីរបស់អ្នកមិនអាចធ្វើការនេះបានទេ (ប្រហែលជាតួនាទី ឬតំបន់របស់អ្នកបានផ្លាស់ប្ដូរ)។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក។ សូមចាកចេញ រួចចូលប្រើម្ដងទៀត ពេលមានការភ្ជាប់។ ប្រសិនបើនៅតែកើតមាន សូមសួរ{0}។</translation>
    </message>
    <message>
        <source>The server refused this sync. Your changes are kept on this computer. Sync again later; if it persists, tell {0}.</source>
        <translation>ម៉ាស៊ីនមេបានបដិសេធការធ្វើសមកាលកម្មនេះ។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក នៅលើកុំព្យូទ័រនេះ។ សូមធ្វើសមកាលកម្មម្ដងទៀតនៅពេលក្រោយ។ ប្រសិនបើនៅតែកើតមាន សូមប្រាប់{0}។</translation>
    </message>
    <message>
        <source>This version of ISAF Desk is too old for the server. Your changes are kept: ask {0} for the new version, install it, then sync.</source>
        <translation type="vanished">កំណែ ISAF Desk នេះ ចាស់ពេកសម្រាប់ម៉ាស៊ីនមេ។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក៖ សូមសុំកំណែថ្មីពី{0} ដំឡើងវា រួចធ្វើសមកាលកម្ម។</translation>
    </message>
    <message>
        <source>Sync stopped before the end. Your changes are kept on this computer. Sync again; if it happens again, tell {0}.</source>
        <translation>ការធ្វើសមកាលកម្មបានឈប់មុនពេលចប់។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក នៅលើកុំព្យូទ័រនេះ។ សូមធ្វើសមកាលកម្មម្ដងទៀត។ ប្រសិនបើវាកើតឡើងម្ដងទៀត សូមប្រាប់{0}។</translation>
    </message>
    <message>
        <source>{0} change(s) were held by the server; see Sync ▸ Held changes… when connected.</source>
        <translation>ម៉ាស៊ីនមេបានផ្អាកការផ្លាស់ប្ដូរ {0}។ សូមមើល ធ្វើសមកាលកម្ម ▸ ការផ្លាស់ប្ដូរដែលបានរក្សាទុក… ពេលមានការតភ្ជាប់។</translation>
    </message>
    <message>
        <source>This computer still differs from the server: sync again; if it persists, tell {0}.</source>
        <translation>ទិន្នន័យនៅលើកុំព្យូទ័រនេះ នៅតែខុសពីម៉ាស៊ីនមេ៖ សូមធ្វើសមកាលកម្មម្ដងទៀត។ ប្រសិនបើនៅតែកើតមាន សូមប្រាប់{0}។</translation>
    </message>
    <message>
        <source>The server refused: {0}. Your changes are kept.</source>
        <translation type="vanished">ម៉ាស៊ីនមេបានបដិសេធ៖ {0}។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក។</translation>
    </message>
    <message>
        <source>Sync stopped: {0}. Your changes are kept.</source>
        <translation type="vanished">ការធ្វើសមកាលកម្មបានឈប់៖ {0}។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក។</translation>
    </message>
    <message>
        <source>Sent {0} change(s), received {1}.</source>
        <translation>បានផ្ញើការផ្លាស់ប្ដូរ {0} និងបានទទួល {1}។</translation>
    </message>
    <message>
        <source>{0} change(s) were held by the server; see sync status.</source>
        <translation type="vanished">ម៉ាស៊ីនមេបានផ្អាកការផ្លាស់ប្ដូរ {0}។ សូមមើលស្ថានភាពសមកាលកម្ម។</translation>
    </message>
    <message>
        <source>{0} conflict(s) wait for a decision.</source>
        <translation>ទិន្នន័យផ្ទុយគ្នា {0} កំពុងរង់ចាំការសម្រេច។</translation>
    </message>
    <message>
        <source>This computer still differs from the server: tell your district office.</source>
        <translation type="vanished">ទិន្នន័យនៅលើកុំព្យូទ័រនេះ នៅតែខុសពីម៉ាស៊ីនមេ៖ សូមប្រាប់រដ្ឋបាលស្រុករបស់អ្នក។</translation>
    </message>
    <message>
        <source>Not compared with the server this time: its data was changing. The next sync compares.</source>
        <translation>លើកនេះ មិនបានប្រៀបធៀបជាមួយម៉ាស៊ីនមេទេ៖ ទិន្នន័យរបស់វាកំពុងផ្លាស់ប្ដូរ។ ការធ្វើសមកាលកម្មលើកក្រោយនឹងប្រៀបធៀប។</translation>
    </message>
    <message>
        <source>Some changes on the server are not on this computer yet: the server is still saving another change, begun {0} minute(s) ago. They come with a later sync; if this lasts, tell whoever looks after the server.</source>
        <translation>ការផ្លាស់ប្ដូរខ្លះនៅលើម៉ាស៊ីនមេ មិនទាន់មកដល់កុំព្យូទ័រនេះនៅឡើយទេ៖ ម៉ាស៊ីនមេកំពុងរក្សាទុកការផ្លាស់ប្ដូរមួយផ្សេងទៀត ដែលបានចាប់ផ្ដើម {0} នាទីមុន។ ការផ្លាស់ប្ដូរទាំងនោះនឹងមកដល់ នៅពេលធ្វើសមកាលកម្មលើកក្រោយ។ បើការរង់ចាំនេះនៅតែបន្ត សូមប្រាប់អ្នកថែទាំម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>Some changes on the server are not on this computer yet: the server is still saving another change. They come with a later sync; if this lasts, tell whoever looks after the server.</source>
        <translation>ការផ្លាស់ប្ដូរខ្លះនៅលើម៉ាស៊ីនមេ មិនទាន់មកដល់កុំព្យូទ័រនេះនៅឡើយទេ៖ ម៉ាស៊ីនមេកំពុងរក្សាទុកការផ្លាស់ប្ដូរមួយផ្សេងទៀត។ ការផ្លាស់ប្ដូរទាំងនោះនឹងមកដល់ នៅពេលធ្វើសមកាលកម្មលើកក្រោយ។ បើការរង់ចាំនេះនៅតែបន្ត សូមប្រាប់អ្នកថែទាំម៉ាស៊ីនមេ។</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Sync</source>
        <translation>ធ្វើសមកាលកម្ម</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>កំពុងភ្ជាប់…</translation>
    </message>
    <message>
        <source>Sending changes</source>
        <translation>កំពុងផ្ញើការផ្លាស់ប្ដូរ</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>កំពុងទទួលការផ្លាស់ប្ដូរ</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>កំពុងបោះបង់…</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>ការធ្វើសមកាលកម្មបានបញ្ចប់</translation>
    </message>
    <message>
        <source>Sync did not finish</source>
        <translation>ការធ្វើសមកាលកម្មមិនបានបញ្ចប់ទេ</translation>
    </message>
    <message>
        <source>{0}%</source>
        <translation>{0}%</translation>
    </message>
</context>
<context>
    <name>UnitsModel</name>
    <message>
        <source>Code</source>
        <translation>លេខកូដ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>អង្គភាព</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <source>Unsent</source>
        <translation>មិនទាន់ផ្ញើ</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>ទិន្នន័យផ្ទុយគ្នា</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw from public view</source>
        <translation>ដកចេញពីការបង្ហាញជាសាធារណៈ</translation>
    </message>
    <message>
        <source>Why must this form leave public view? The reason is kept in the form&apos;s history. The form stays approved; it can be published again.</source>
        <translation>ហេតុអ្វីបានជាទម្រង់នេះត្រូវដកចេញពីការបង្ហាញជាសាធារណៈ? មូលហេតុត្រូវបានរក្សាទុកក្នុងប្រវត្តិនៃទម្រង់។ ទម្រង់នៅតែបានអនុម័ត ហើយអាចផ្សព្វផ្សាយម្តងទៀតបាន។</translation>
    </message>
    <message>
        <source>Withdraw the form</source>
        <translation>ដកទម្រង់ចេញ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <source>A reason is needed: every withdrawal is audited.</source>
        <translation>ត្រូវការមូលហេតុ៖ រាល់ការដកចេញត្រូវបានកត់ត្រាសម្រាប់សវនកម្ម។</translation>
    </message>
    <message>
        <source>At most {0} characters.</source>
        <translation>យ៉ាងច្រើនបំផុត {0} តួអក្សរ។</translation>
    </message>
</context>
<context>
    <name>_ConfirmLine</name>
    <message>
        <source>A reason is needed</source>
        <translation>ត្រូវការមូលហេតុ</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>បានបញ្ជាក់</translation>
    </message>
    <message>
        <source>Why is this figure right?</source>
        <translation>ហេតុអ្វីបានជាតួលេខនេះត្រឹមត្រូវ?</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>បញ្ជាក់</translation>
    </message>
</context>
</TS>
