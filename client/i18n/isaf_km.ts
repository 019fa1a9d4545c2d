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
        <translation>កម្មវិធីបញ្ចូលទិន្នន័យក្រៅបណ្ដាញ សម្រាប់ក្របខណ្ឌអនុវត្តគណនេយ្យភាពសង្គម (ISAF)៖ លទ្ធផលការងាររបស់ឃុំ/សង្កាត់ មណ្ឌលសុខភាព និងសាលារៀន កាតពិន្ទុសហគមន៍ និងផែនការសកម្មភាពរួម (JAAP)។</translation>
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
        <translation>មនុស្សពីរនាក់បានកែតួលេខតែមួយ ពេលធ្វើការក្រៅបណ្ដាញ។ សូមជ្រើសរើសតម្លៃដែលត្រូវរក្សាទុក ឬវាយតម្លៃដែលត្រឹមត្រូវ។ ការជ្រើសរើសនេះនឹងត្រូវផ្ញើ ពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
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
        <source>Other person&apos;s value</source>
        <translation>តម្លៃរបស់អ្នកផ្សេង</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>តម្លៃរបស់អ្នក</translation>
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
        <source>or type the right value</source>
        <translation>ឬវាយតម្លៃដែលត្រឹមត្រូវ</translation>
    </message>
    <message>
        <source>Use this value</source>
        <translation>ប្រើតម្លៃនេះ</translation>
    </message>
    <message>
        <source>Your district officer decides conflicts; they are shown here so you know.</source>
        <translation>មន្ត្រីស្រុកជាអ្នកសម្រេចលើទិន្នន័យផ្ទុយគ្នា។ វាបង្ហាញនៅទីនេះ ដើម្បីឱ្យអ្នកដឹង។</translation>
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
        <source>Standard: {0}</source>
        <translation>ស្ដង់ដារ៖ {0}</translation>
    </message>
    <message>
        <source>Not saved until it is corrected.</source>
        <translation>មិនទាន់រក្សាទុកទេ រហូតដល់កែត្រូវ។</translation>
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
        <source>Not saved: {0}</source>
        <translation>មិនបានរក្សាទុក៖ {0}</translation>
    </message>
    <message>
        <source>Not saved: {0}. What you typed is kept as a draft.</source>
        <translation>មិនបានរក្សាទុក៖ {0}។ អ្វីដែលអ្នកបានវាយ ត្រូវទុកជាសេចក្ដីព្រាង។</translation>
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
        <source>The definition of this form is not on this computer: sync first.</source>
        <translation>គំរូនៃទម្រង់នេះ មិនមាននៅលើកុំព្យូទ័រនេះទេ៖ សូមធ្វើសមកាលកម្មជាមុនសិន។</translation>
    </message>
    <message>
        <source>This form is {0}: it is shown read-only. To change it, ask your district office to unlock it.</source>
        <translation>ទម្រង់នេះមានស្ថានភាព «{0}»៖ អាចអានបានតែប៉ុណ្ណោះ។ ដើម្បីកែប្រែ សូមស្នើរដ្ឋបាលស្រុកឱ្យដោះសោ។</translation>
    </message>
    <message>
        <source>Your role may read this form but not change it.</source>
        <translation>តួនាទីរបស់អ្នក អាចអានទម្រង់នេះបាន ប៉ុន្តែមិនអាចកែប្រែបានទេ។</translation>
    </message>
    <message>
        <source>Returned by the district: {0}</source>
        <translation>ស្រុកបានប្រគល់ត្រឡប់វិញ៖ {0}</translation>
    </message>
    <message>
        <source>Changes you typed earlier and did not save were restored. Save them (Ctrl+S), or discard them.</source>
        <translation>ការផ្លាស់ប្ដូរដែលអ្នកបានវាយពីមុន ហើយមិនទាន់រក្សាទុក ត្រូវបានយកមកវិញ។ សូមរក្សាទុក (Ctrl+S) ឬបោះបង់វា។</translation>
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
        <translation>មានបញ្ហាកើតឡើង៖ {0}</translation>
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
        <translation>មិនបានអនុវត្តទេ៖ ម៉ាស៊ីនមេបានឆ្លើយ «{0}»៖ {1}</translation>
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
        <source>Held change set aside with a reason</source>
        <translation>ការផ្លាស់ប្ដូរដែលបានរក្សាទុក ត្រូវបានដាក់ចោលដោយមានមូលហេតុ</translation>
    </message>
    <message>
        <source>{0} (not sent yet)</source>
        <translation>{0} (មិនទាន់ផ្ញើ)</translation>
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
        <source>This unit has no form for {0} yet.</source>
        <translation>អង្គភាពនេះមិនទាន់មានទម្រង់សម្រាប់ឆ្នាំ {0} នៅឡើយទេ។</translation>
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
        <translation>តួនាទីរបស់អ្នក មិនអាចដាក់ស្នើទម្រង់បានទេ។</translation>
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
        <translation>មានតែអ្នកគ្រប់គ្រងថ្នាក់ជាតិ ទើបអាចដោះសោទម្រង់ដែលបានអនុម័តបាន។</translation>
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
        <translation>តួនាទីរបស់អ្នក មិនអាចលុបទម្រង់បានទេ៖ ការលុប គឺជាការលុបចោលការបង្កើតទម្រង់។</translation>
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
        <source>The form was not deleted: {0}</source>
        <translation>ទម្រង់មិនត្រូវបានលុបទេ៖ {0}</translation>
    </message>
    <message>
        <source>Move the form along</source>
        <translation>បញ្ជូនទម្រង់បន្ត</translation>
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
        <source>Submitted. The district office can now review the form.</source>
        <translation>បានដាក់ស្នើ។ ឥឡូវនេះ ការិយាល័យស្រុកអាចពិនិត្យទម្រង់បានហើយ។</translation>
    </message>
    <message>
        <source>Returned with your comment. The unit sees it at its next sync.</source>
        <translation>បានប្រគល់ត្រឡប់វិញ ជាមួយមតិយោបល់របស់អ្នក។ អង្គភាពនឹងឃើញវា នៅពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <source>Approved. The form&apos;s figures are now locked.</source>
        <translation>បានអនុម័ត។ ឥឡូវនេះ តួលេខនៃទម្រង់ត្រូវបានចាក់សោ។</translation>
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
        <translation>តើត្រូវធ្វើអ្វីជាមួយទម្រង់នេះ?</translation>
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
        <translation>ម៉ាស៊ីនមេបានបដិសេធ៖ ទម្រង់នេះមិនស្ថិតក្នុងតំបន់របស់អ្នក ឬគណនីរបស់អ្នកមិនអាចធ្វើការនេះបានទេ។ សូមធ្វើសមកាលកម្ម ហើយសួរការិយាល័យស្រុករបស់អ្នក ប្រសិនបើនៅតែកើតមាន។</translation>
    </message>
    <message>
        <source>The server refused: {0}</source>
        <translation>ម៉ាស៊ីនមេបានបដិសេធ៖ {0}</translation>
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
        <translation>បានរក្សាទុកការផ្លាស់ប្ដូរ {0} ក្នុង {1}។ សូមយកវាទៅរដ្ឋបាលស្រុករបស់អ្នក។</translation>
    </message>
    <message>
        <source>Import USB bundle</source>
        <translation>នាំចូលកញ្ចប់ USB</translation>
    </message>
    <message>
        <source>This return bundle was already taken in; nothing changed.</source>
        <translation>កញ្ចប់ឆ្លើយតបនេះ បាននាំចូលរួចហើយ។ គ្មានអ្វីផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <source>Took in {0} answer(s) and {1} change(s) from the server.</source>
        <translation>បាននាំចូលចម្លើយ {0} និងការផ្លាស់ប្ដូរ {1} ពីម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <source>This is this computer&apos;s own bundle: take it to the district office.</source>
        <translation>នេះជាកញ្ចប់របស់កុំព្យូទ័រនេះផ្ទាល់៖ សូមយកវាទៅរដ្ឋបាលស្រុក។</translation>
    </message>
    <message>
        <source>Imported for {0}: {1}. Return bundle written to {2}.</source>
        <translation>បាននាំចូលសម្រាប់ {0}៖ {1}។ កញ្ចប់ឆ្លើយតបត្រូវបានរក្សាទុកក្នុង {2}។</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>មានបញ្ហាកើតឡើង៖ {0}</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>Year:</source>
        <translation>ឆ្នាំ៖</translation>
    </message>
    <message>
        <source>All my units ({0}/{1} reported)</source>
        <translation>អង្គភាពរបស់ខ្ញុំទាំងអស់ (បានរាយការណ៍ {0}/{1})</translation>
    </message>
    <message>
        <source>{0} of {1} units reported</source>
        <translation>អង្គភាព {0} ក្នុងចំណោម {1} បានរាយការណ៍</translation>
    </message>
</context>
<context>
    <name>PostOnView</name>
    <message>
        <source>&lt;b&gt;{0} of {1} standards met&lt;/b&gt; · {2} not met · {3} without a value yet</source>
        <translation>&lt;b&gt;សម្រេចស្ដង់ដារ {0} ក្នុងចំណោម {1}&lt;/b&gt; · មិនសម្រេច {2} · មិនទាន់មានតម្លៃ {3}</translation>
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
        <source>District average: {0} other unit(s) of the district on this computer, with this unit.</source>
        <translation>មធ្យមភាគស្រុក៖ អង្គភាពផ្សេងទៀត {0} នៃស្រុកនៅលើកុំព្យូទ័រនេះ រួមទាំងអង្គភាពនេះ។</translation>
    </message>
    <message>
        <source>No other unit of the district on this computer for this year: no district average.</source>
        <translation>មិនមានអង្គភាពផ្សេងទៀតនៃស្រុក នៅលើកុំព្យូទ័រនេះសម្រាប់ឆ្នាំនេះទេ៖ គ្មានមធ្យមភាគស្រុក។</translation>
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
        <source>Nothing was printed: {0}. Check that the printer is on and connected, or save the document as PDF and print it from another computer.</source>
        <translation>មិនបានបោះពុម្ពអ្វីទេ៖ {0}។ សូមពិនិត្យថាម៉ាស៊ីនបោះពុម្ពបានបើក និងបានភ្ជាប់ ឬរក្សាទុកឯកសារជា PDF ហើយបោះពុម្ពពីកុំព្យូទ័រផ្សេង។</translation>
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
        <source>There are no units on this computer yet: sync first.</source>
        <translation>មិនទាន់មានអង្គភាពនៅលើកុំព្យូទ័រនេះនៅឡើយទេ៖ សូមធ្វើសមកាលកម្មជាមុនសិន។</translation>
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
        <translation>ផ្ទាំងព័ត៌មាន I4C របស់ {0}៖ ស្តង់ដារជាតិណាខ្លះដែលសម្រេចបាន សម្រាប់បិទលើក្ដារព័ត៌មាន។</translation>
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
        <translation>&amp;បាទ/ចាស</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>បាទ/ចាស ទាំង&amp;អស់</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;ទេ</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>ទេ ទាំង&amp;អស់</translation>
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
        <source>The server could not be reached: working offline. Your work is kept on this computer and sent at the next sync.</source>
        <translation>មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបានទេ៖ កំពុងធ្វើការក្រៅបណ្ដាញ។ ការងាររបស់អ្នកត្រូវបានរក្សាទុក នៅលើកុំព្យូទ័រនេះ ហើយនឹងត្រូវផ្ញើ ពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
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
        <source>Too many wrong passwords. Wait 15 minutes, then try again.</source>
        <translation>វាយពាក្យសម្ងាត់ខុសច្រើនដងពេក។ សូមរង់ចាំ ១៥ នាទី រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>The server could not be reached, and this account has never signed in on this computer. The first sign-in needs a connection to the server: check the network and the server address, then try again.</source>
        <translation>មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបានទេ ហើយគណនីនេះ មិនដែលចូលប្រើនៅលើកុំព្យូទ័រនេះពីមុនទេ។ ការចូលប្រើលើកដំបូង ត្រូវតែភ្ជាប់ទៅម៉ាស៊ីនមេ៖ សូមពិនិត្យបណ្ដាញ និងអាសយដ្ឋានម៉ាស៊ីនមេ រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <source>The server could not be reached, and your last sign-in with a connection was more than {0} days ago. Connect to the server once to keep working on this computer.</source>
        <translation>មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបានទេ ហើយការចូលប្រើចុងក្រោយ ដែលមានការភ្ជាប់ គឺលើសពី {0} ថ្ងៃមកហើយ។ សូមភ្ជាប់ទៅម៉ាស៊ីនមេម្ដង ដើម្បីបន្តធ្វើការនៅលើកុំព្យូទ័រនេះ។</translation>
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
    <name>Sync</name>
    <message>
        <source>Sync cancelled. What was sent or received so far is kept.</source>
        <translation>បានបោះបង់ការធ្វើសមកាលកម្ម។ អ្វីដែលបានផ្ញើ ឬទទួលរួចហើយ ត្រូវបានរក្សាទុក។</translation>
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
        <source>The server refused: {0}. Your changes are kept.</source>
        <translation>ម៉ាស៊ីនមេបានបដិសេធ៖ {0}។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក។</translation>
    </message>
    <message>
        <source>Sync stopped: {0}. Your changes are kept.</source>
        <translation>ការធ្វើសមកាលកម្មបានឈប់៖ {0}។ ការផ្លាស់ប្ដូររបស់អ្នកត្រូវបានរក្សាទុក។</translation>
    </message>
    <message>
        <source>Sent {0} change(s), received {1}.</source>
        <translation>បានផ្ញើការផ្លាស់ប្ដូរ {0} និងបានទទួល {1}។</translation>
    </message>
    <message>
        <source>{0} change(s) were held by the server; see sync status.</source>
        <translation>ម៉ាស៊ីនមេបានផ្អាកការផ្លាស់ប្ដូរ {0}។ សូមមើលស្ថានភាពសមកាលកម្ម។</translation>
    </message>
    <message>
        <source>{0} conflict(s) wait for a decision.</source>
        <translation>ទិន្នន័យផ្ទុយគ្នា {0} កំពុងរង់ចាំការសម្រេច។</translation>
    </message>
    <message>
        <source>This computer still differs from the server: tell your district office.</source>
        <translation>ទិន្នន័យនៅលើកុំព្យូទ័រនេះ នៅតែខុសពីម៉ាស៊ីនមេ៖ សូមប្រាប់រដ្ឋបាលស្រុករបស់អ្នក។</translation>
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
