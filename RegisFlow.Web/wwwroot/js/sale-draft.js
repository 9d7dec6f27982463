// The sale form's draft, kept in this browser's IndexedDB so that a reload, a lost connection, a restart of the app or a
// database outage loses nothing. Everything stored here was encrypted by the server with a key of the signed-in user
// (ASP.NET Data Protection): another user of the same tablet cannot read it. Keys: "<owner>:text" for the fields,
// "<owner>:photo:<kind>" for each photo.

const databaseName = "regisflow-brouillons";
const storeName = "brouillons";
let opened;

function database() {
    opened ??= new Promise((resolve, reject) => {
        const request = indexedDB.open(databaseName, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(storeName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => { opened = undefined; reject(request.error); };
    });
    return opened;
}

async function run(mode, action) {
    const db = await database();
    return new Promise((resolve, reject) => {
        const transaction = db.transaction(storeName, mode);
        const request = action(transaction.objectStore(storeName));
        transaction.oncomplete = () => resolve(request ? request.result : undefined);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
    });
}

export function saveText(owner, text) {
    return run("readwrite", store => store.put(text, `${owner}:text`));
}

export async function savePhoto(owner, kind, streamReference) {
    const bytes = new Blob([await streamReference.arrayBuffer()]);
    return run("readwrite", store => store.put(bytes, `${owner}:photo:${kind}`));
}

export function removePhoto(owner, kind) {
    return run("readwrite", store => store.delete(`${owner}:photo:${kind}`));
}

export async function loadText(owner) {
    return (await run("readonly", store => store.get(`${owner}:text`))) ?? null;
}

// The encrypted photo as bytes (a stream reference on the .NET side), empty when there is none.
export async function loadPhoto(owner, kind) {
    const blob = await run("readonly", store => store.get(`${owner}:photo:${kind}`));
    return blob ? new Uint8Array(await blob.arrayBuffer()) : new Uint8Array(0);
}

export function clear(owner) {
    return run("readwrite", store => store.delete(IDBKeyRange.bound(`${owner}:`, `${owner}:\uffff`)));
}
